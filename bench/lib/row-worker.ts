/**
 * Worker thread that generates ticket batches, so generating text (a third of the
 * seeding work) runs on the second core while the main thread writes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { TicketRowGenerator, type RowContext } from './ticket-rows.ts';
import { Vocabulary } from './vocabulary.ts';

const context = workerData.context as Omit<RowContext, 'vocab'>;
const generator = new TicketRowGenerator({ ...context, vocab: new Vocabulary(context.total) });

parentPort!.on('message', (m: { from: number; to: number }) => {
  parentPort!.postMessage(generator.batch(m.from, m.to));
});
