import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  /** The envelope's recipients. */
  to: string[];
  subject: string;
  text: string;
  attachments: Array<{ filename?: string; content: Buffer }>;
}

export interface TestSmtp {
  port: number;
  url: string;
  /** Every mail received since the server was first started (kept across stop and start). */
  mails: ReceivedMail[];
  /** Resolves once `count` mails have arrived (rejects after `ms`). */
  waitFor(count: number, ms?: number): Promise<ReceivedMail[]>;
  stop(): Promise<void>;
  /** Starts again on the same port. */
  start(): Promise<void>;
}

/**
 * A real SMTP server inside the test process (the smtp-server package) on a free port, or on `port`: no TLS,
 * any login accepted, every mail parsed and kept. No mail leaves the machine.
 */
export async function startSmtp(port = 0): Promise<TestSmtp> {
  const mails: ReceivedMail[] = [];
  const waiters: Array<() => void> = [];
  let server: SMTPServer | null = null;
  let boundPort = port;
  const listen = async () => {
    server = new SMTPServer({
      disabledCommands: ["STARTTLS"],
      authOptional: true,
      logger: false,
      closeTimeout: 500,
      onAuth: (_auth, _session, callback) => callback(null, { user: "test" }),
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((parsed) => {
            mails.push({
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: parsed.subject ?? "",
              text: parsed.text ?? "",
              attachments: parsed.attachments.map((a) => ({ filename: a.filename, content: a.content })),
            });
            waiters.splice(0).forEach((wake) => wake());
            callback();
          })
          .catch((err: Error) => callback(err));
      },
    });
    const listening = server;
    await new Promise<void>((resolve, reject) => {
      listening.once("error", reject);
      listening.listen(boundPort, "127.0.0.1", () => resolve());
    });
    boundPort = (listening.server.address() as AddressInfo).port;
  };
  await listen();
  return {
    get port() {
      return boundPort;
    },
    get url() {
      return `smtp://user:pass@127.0.0.1:${boundPort}`;
    },
    mails,
    waitFor: (count, ms = 30_000) =>
      new Promise((resolve, reject) => {
        const deadline = setTimeout(() => reject(new Error(`waited ${ms} ms for ${count} mails, got ${mails.length}`)), ms);
        const check = () => {
          if (mails.length >= count) {
            clearTimeout(deadline);
            resolve(mails.slice());
          } else waiters.push(check);
        };
        check();
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        const running = server;
        server = null;
        if (!running) return resolve();
        running.close(() => resolve());
      }),
    start: listen,
  };
}
