/**
 * Server-sent events as an OpenAI-compatible `/chat/completions` stream sends them: `data: <json>`
 * lines separated by blank lines, ending with `data: [DONE]`. Yields each event's data.
 */

/** The `data` of each event of `body`, in order, until `[DONE]` or the end of the stream. */
export async function* sseData(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffer = '';
  const reader = body.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      const events = buffer.split(/\r?\n\r?\n/);
      buffer = done ? '' : (events.pop() ?? '');
      for (const event of events) {
        const data = event
          .split(/\r?\n/)
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).replace(/^ /, ''))
          .join('\n');
        if (data === '') continue;
        if (data === '[DONE]') return;
        yield data;
      }
      if (done) return;
    }
  } finally {
    reader.releaseLock();
  }
}
