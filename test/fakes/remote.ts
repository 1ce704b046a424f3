// Drives a fake in another process (serve.ts) over its /__fake/ endpoints, with the same verbs as FakeLlm.
import type { RecordedRequest } from './requestLog';
import type { ReplyLike, Route } from './script';

export class RemoteFakeLlm {
  constructor(readonly url: string) {}

  script(...replies: ReplyLike[]): Promise<void> {
    return this.post('script', replies);
  }

  route(...routes: Route[]): Promise<void> {
    return this.post('route', routes);
  }

  async requests(): Promise<RecordedRequest[]> {
    const res = await fetch(`${this.url}/__fake/requests`);
    if (!res.ok) throw new Error(`fake-llm control: ${res.status} ${await res.text()}`);
    return (await res.json()) as RecordedRequest[]; // our own server's log, serialised as is
  }

  reset(): Promise<void> {
    return this.post('reset', {});
  }

  release(): Promise<void> {
    return this.post('release', {});
  }

  private async post(action: string, body: unknown): Promise<void> {
    const res = await fetch(`${this.url}/__fake/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`fake-llm control: ${res.status} ${await res.text()}`);
  }
}
