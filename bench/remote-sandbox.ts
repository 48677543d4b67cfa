// `npm run sandbox` in a child process, as the Marketplace is another machine: its work (parsing, validating,
// answering) is not the app's, and in the bench's process it would count against both the queue's throughput
// and the main thread's blocking. Its address, and what it received and holds, asked over HTTP.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import readline from 'node:readline';

export async function startRemoteSandbox({ latencyMs, key }: { latencyMs: number; key: string }) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/main/sandbox/cli.ts', '--port', '0', '--latency', String(latencyMs), '--keys', key], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: child.stdout });
  const [first] = (await once(lines, 'line')) as [string];
  const baseUrl = /https?:\/\/\S+/.exec(first)?.[0];
  if (!baseUrl) throw new Error(`The sandbox did not start: ${first}`);
  const inspect = async <T>(what: string): Promise<T> => (await (await fetch(new URL(`/__sandbox/${what}`, baseUrl))).json()) as T;
  return {
    baseUrl,
    requests: async () => (await inspect<unknown[]>('requests')).length,
    listings: async () => (await inspect<unknown[]>(`offerings?networkKey=${key}`)).length,
    close: async () => {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
