// Reading a request's body with a limit: a body announced bigger than the limit is refused before a byte is read, one
// that turns out bigger is refused as soon as it passes the limit. Either way the answer is 413, not a failure.
import type { IncomingMessage } from 'node:http';
import { HttpError } from './server.ts';

export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const announced = Number(req.headers['content-length']);
  if (Number.isFinite(announced) && announced > limit) {
    return Promise.reject(new HttpError(413, 'payload_too_large'));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off('data', onData).off('end', onEnd).off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      stop();
      // The rest is read and dropped, so that the 413 reaches the client instead of a reset connection.
      req.resume();
      reject(new HttpError(413, 'payload_too_large'));
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks));
    };
    // The client went away before the end: nobody is left to answer, and the bot did nothing wrong.
    const onError = () => {
      stop();
      reject(new HttpError(400, 'request_aborted'));
    };
    req.on('data', onData).on('end', onEnd).on('error', onError);
  });
}
