import { documentHtml } from './document.js';
import { html, type SafeHtml } from './html.js';

/** The token form shown instead of the page to a browser without the session cookie. */
export function loginPage(failed: boolean): SafeHtml {
  const error = failed ? html`<p class="error" role="alert">That token is not the one configured.</p>` : '';
  return documentHtml({
    title: 'dashwatch · sign in',
    body: html`<main class="login">
<h1>dashwatch</h1>
<p>This status page asks for the token set as <code>server.token</code> (<code>DASHWATCH_HTTP_TOKEN</code>).</p>
${error}
<form method="post" action="/login">
<label for="token">Token</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
<button type="submit">Sign in</button>
</form>
</main>`,
  });
}
