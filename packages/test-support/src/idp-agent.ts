/**
 * Driving an OpenID provider's sign-in over HTTP the way a browser does: an `IdpAgent` keeps the
 * provider's cookies (by origin and path), follows its redirects and fills its dev login and
 * consent forms, until the provider sends the browser back off its own origin (the console's
 * callback). The BFF's OIDC tests and the end-to-end suite's sign-ins both use it.
 */
interface StoredCookie {
  name: string;
  value: string;
  path: string;
}

export interface AgentReply {
  url: URL;
  status: number;
  location: URL | undefined;
  text: string;
}

/** A browser's view of the identity provider: its own cookies, redirects not followed. */
export class IdpAgent {
  private readonly jar = new Map<string, StoredCookie>();

  private cookieHeader(url: URL): string {
    return [...this.jar.values()]
      .filter((cookie) => url.pathname.startsWith(cookie.path))
      .sort((a, b) => b.path.length - a.path.length)
      .map((cookie) => `${cookie.name}=${cookie.value}`)
      .join('; ');
  }

  private keep(url: URL, setCookies: string[]): void {
    for (const header of setCookies) {
      const [pair = '', ...attributes] = header.split(';').map((part) => part.trim());
      const at = pair.indexOf('=');
      if (at <= 0) continue;
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      const pathAttribute = attributes.find((attribute) => /^path=/i.test(attribute));
      const path = pathAttribute?.slice('path='.length) ?? url.pathname.replace(/\/[^/]*$/, '/');
      const key = `${url.origin} ${path} ${name}`;
      const expired = attributes.some(
        (attribute) => /^max-age=0$/i.test(attribute) || /^expires=.*1970/i.test(attribute),
      );
      if (value === '' || expired) this.jar.delete(key);
      else this.jar.set(key, { name, value, path });
    }
  }

  async request(
    method: 'GET' | 'POST',
    target: URL,
    form?: Record<string, string>,
  ): Promise<AgentReply> {
    const headers: Record<string, string> = { Accept: 'text/html' };
    const cookies = this.cookieHeader(target);
    if (cookies !== '') headers.Cookie = cookies;
    let body: string | undefined;
    if (form !== undefined) {
      body = new URLSearchParams(form).toString();
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      headers.Origin = target.origin;
    }
    const response = await fetch(target, {
      method,
      headers,
      redirect: 'manual',
      ...(body === undefined ? {} : { body }),
    });
    this.keep(target, response.headers.getSetCookie());
    const location = response.headers.get('location');
    return {
      url: target,
      status: response.status,
      location: location === null ? undefined : new URL(location, target),
      text: await response.text(),
    };
  }
}

export interface HtmlForm {
  action: URL;
  fields: Record<string, string>;
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\b${name}="([^"]*)"`).exec(tag);
  return match?.[1]?.replaceAll('&amp;', '&').replaceAll('&quot;', '"');
}

/** The first form of a page, with its hidden fields. */
export function formOf(reply: AgentReply): HtmlForm {
  const open = /<form\b[^>]*>/.exec(reply.text);
  const action = open === null ? undefined : attribute(open[0], 'action');
  if (action === undefined) throw new Error(`no form at ${reply.url.href}: ${reply.text}`);
  const fields: Record<string, string> = {};
  for (const input of reply.text.matchAll(/<input\b[^>]*>/g)) {
    const name = attribute(input[0], 'name');
    if (name !== undefined && attribute(input[0], 'type') === 'hidden') {
      fields[name] = attribute(input[0], 'value') ?? '';
    }
  }
  return { action: new URL(action, reply.url), fields };
}

export interface AuthorizeOptions {
  /** Cancel at the login form instead of signing in (the provider answers `access_denied`). */
  cancel?: boolean;
}

/**
 * Follows the provider from its authorization endpoint, signing in as `login` and consenting,
 * until it redirects off its own origin; returns that URL (the BFF's callback).
 */
export async function authorizeAtIdp(
  agent: IdpAgent,
  authorizationUrl: URL,
  login: string,
  options: AuthorizeOptions = {},
): Promise<URL> {
  let reply = await agent.request('GET', authorizationUrl);
  for (let step = 0; step < 20; step += 1) {
    if (reply.location !== undefined) {
      if (reply.location.origin !== authorizationUrl.origin) return reply.location;
      reply = await agent.request('GET', reply.location);
      continue;
    }
    if (reply.status !== 200) {
      throw new Error(`the provider answered ${reply.status} at ${reply.url.pathname}`);
    }
    const form = formOf(reply);
    if (form.fields.prompt === 'login' || /name="prompt" value="login"/.test(reply.text)) {
      if (options.cancel === true) {
        reply = await agent.request('GET', new URL(`${form.action.pathname}/abort`, form.action));
        continue;
      }
      reply = await agent.request('POST', form.action, {
        prompt: 'login',
        login,
        password: 'any password works here',
      });
    } else if (/name="prompt" value="consent"/.test(reply.text)) {
      reply = await agent.request('POST', form.action, { ...form.fields, prompt: 'consent' });
    } else {
      throw new Error(`an unexpected page at ${reply.url.pathname}: ${reply.text}`);
    }
  }
  throw new Error('the provider kept redirecting');
}
