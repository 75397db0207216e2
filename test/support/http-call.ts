/** The answer of one HTTP call, with the body parsed when it is JSON. */
export interface HttpAnswer {
  readonly status: number;
  readonly body: Record<string, any>;
  readonly text: string;
}

/** One JSON (or CSV) request against a running API, as a client would send it. */
export async function httpCall(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
  contentType = 'application/json',
): Promise<HttpAnswer> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': contentType } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, any>) : {}, text };
}

/** Retries an assertion until the read models have caught up (they are eventually consistent). */
export async function eventually<T>(probe: () => Promise<T>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
