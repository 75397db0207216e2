import type { ServerResponse } from 'node:http';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Subscription } from '@bansos/eventstore';
import type { ApiSystem } from '@bansos/platform';
import { alertDocument, decodeAlert } from '@bansos/sla';
import { SYSTEM } from '../../system.token';
import type { AlertFilter } from './sla-query';
import { alertView } from './sla-views';

// Proxies drop a connection that stays silent; a comment line every 15 s keeps it open.
const HEARTBEAT_MS = 15_000;

/**
 * The live feed of alerts as Server-Sent Events. Each client reads the event store from
 * where it connected (or from its Last-Event-ID), so the feed is the log itself: nothing
 * is lost between a reconnect and the next alert, and the event id is the store position.
 * Writes wait for the socket to drain, so a slow client slows its own reads only.
 */
@Injectable()
export class SlaAlertFeed implements OnModuleDestroy {
  private readonly open = new Set<() => void>();

  constructor(@Inject(SYSTEM) private readonly system: ApiSystem) {}

  serve(res: ServerResponse, filter: AlertFilter, after: bigint): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 3000\n\n');
    const subscription = this.system.events.subscribeToAll(after >= 0n ? { after } : {});
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    let closed = false;
    const close = (): void => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      this.open.delete(close);
      void subscription.close();
      res.end();
    };
    this.open.add(close);
    res.on('close', close);
    void this.pump(subscription, res, filter).then(close, close);
  }

  /** Ends every open feed, so the HTTP server can close (Nest calls this before it stops listening). */
  onModuleDestroy(): void {
    for (const close of [...this.open]) close();
  }

  private async pump(subscription: Subscription, res: ServerResponse, filter: AlertFilter): Promise<void> {
    for await (const recorded of subscription) {
      const event = decodeAlert(recorded);
      if (!event) continue;
      const doc = alertDocument(event);
      if ((filter.status && doc.status !== filter.status) || (filter.district && doc.district !== filter.district)) continue;
      const fits = res.write(`id: ${recorded.position}\nevent: alert\ndata: ${JSON.stringify(alertView(doc))}\n\n`);
      if (!fits) await drained(res);
    }
  }
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
