import type { Transport } from './transport';

export type SmsGatewayConfig = { url: string; authHeader?: string; bodyTemplate: string; timeoutMs: number };

/** Fills {to} and {text} in a JSON body template, escaped as JSON string content. */
export function fillBodyTemplate(template: string, values: { to: string; text: string }): string {
  return template.replace(/\{(to|text)\}/g, (_, key: 'to' | 'text') =>
    JSON.stringify(values[key]).slice(1, -1),
  );
}

/**
 * An HTTP SMS gateway: POSTs the filled JSON template; any 2xx is accepted. Failures name the
 * status or the timeout, never the number or the text.
 */
export function createSmsGateway(config: SmsGatewayConfig): Transport {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (config.authHeader) {
    const at = config.authHeader.indexOf(':');
    headers[config.authHeader.slice(0, at).trim().toLowerCase()] = config.authHeader.slice(at + 1).trim();
  }
  return {
    async send(message) {
      const body = fillBodyTemplate(config.bodyTemplate, { to: message.to, text: message.text });
      let response: Response;
      try {
        response = await fetch(config.url, {
          method: 'POST',
          // The outbox may hand a message over twice (a crash before it was marked sent); a
          // gateway that honours the key sends it once.
          headers: { ...headers, 'idempotency-key': message.id },
          body,
          signal: AbortSignal.timeout(config.timeoutMs),
        });
      } catch (err) {
        const name = (err as { name?: string }).name;
        if (name === 'TimeoutError') throw new Error(`SMS gateway timed out after ${config.timeoutMs} ms`);
        throw new Error(
          `SMS gateway unreachable (${(err as { cause?: { code?: string } }).cause?.code ?? name})`,
        );
      }
      await response.body?.cancel();
      if (!response.ok) throw new Error(`SMS gateway answered HTTP ${response.status}`);
    },
  };
}
