// A tiny cookie-keeping client for driving the app over HTTP like a browser would.
export class HttpSession {
  private cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  private remember(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...rest] = pair.split("=");
      const value = rest.join("=");
      if (value === "" || /max-age=0/i.test(line)) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value);
    }
  }

  hasCookie(name: string): boolean {
    return this.cookies.has(name);
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    const response = await fetch(`${this.baseUrl}${path}`, { headers: { Cookie: this.cookieHeader(), ...headers }, redirect: "manual" });
    this.remember(response);
    return response;
  }

  async post(path: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: "POST",
      body: new URLSearchParams(form),
      headers: { Cookie: this.cookieHeader(), Origin: this.baseUrl, ...headers },
      redirect: "manual",
    });
    this.remember(response);
    return response;
  }

  async login(email: string, password: string): Promise<Response> {
    return this.post("/login", { email, password });
  }
}
