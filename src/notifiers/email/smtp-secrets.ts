/** An SMTP URL's credentials in every form a server reply or error could echo them. */
export function smtpSecrets(smtpUrl: string): string[] {
  const url = new URL(smtpUrl);
  const user = decodeURIComponent(url.username);
  const pass = decodeURIComponent(url.password);
  const secrets = [smtpUrl, url.password, pass, Buffer.from(`\u0000${user}\u0000${pass}`).toString('base64')];
  if (pass !== '') secrets.push(Buffer.from(pass).toString('base64'));
  return secrets.filter((secret) => secret !== '');
}
