/**
 * A webhook URL in every form a reply or error could echo it: the whole URL, every query value (the
 * `access_token` or `key` that makes it a credential) and, for services whose token is the last path
 * segment (`pathToken`), that segment and the path.
 */
export function urlSecrets(url: string, options: { pathToken?: boolean } = {}): string[] {
  const secrets = [url];
  if (!URL.canParse(url)) return secrets;
  const parsed = new URL(url);
  for (const value of parsed.searchParams.values()) if (value !== '') secrets.push(value);
  const last = parsed.pathname.split('/').at(-1);
  if (options.pathToken && last) secrets.push(parsed.pathname, last);
  return secrets;
}
