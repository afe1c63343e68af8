/**
 * The `parley` command line: finds the sub-command by its words, runs it, and turns
 * errors into a message and an exit code (64 for usage, 78 for configuration).
 */
import { commands } from './cli/commands/index.ts';
import { UsageError, type CliCommand, type CliIO } from './cli/command.ts';
import { ConfigError } from './config.ts';
import { DomainError, ValidationError } from './domain/shared/errors.ts';

const io: CliIO = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `Usage: parley <command> [options]\n\nCommands:\n${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}\n\nRun "parley <command> --help" for a command's options.\n`;
}

function find(args: string[]): { command: CliCommand; rest: string[] } | undefined {
  for (const words of [2, 1]) {
    const name = args.slice(0, words).join(' ');
    const command = commands.find((c) => c.name === name);
    if (command) return { command, rest: args.slice(words) };
  }
  return undefined;
}

export async function main(args: string[], out: CliIO = io): Promise<number> {
  if (args.length === 0 || args[0] === '--help' || args[0] === '-h' || args[0] === 'help') {
    out.stdout.write(overview());
    return args.length === 0 ? 64 : 0;
  }
  const found = find(args);
  if (!found) {
    const group = commands.filter((c) => c.name.startsWith(`${args[0]} `));
    out.stderr.write(group.length
      ? `parley: "${args.join(' ')}" needs a sub-command: ${group.map((c) => c.name).join(', ')}\n`
      : `parley: unknown command "${args[0]}"\n\n${overview()}`);
    return 64;
  }
  try {
    return await found.command.run(found.rest, out);
  } catch (err) {
    if (err instanceof UsageError) {
      out.stderr.write(`parley ${found.command.name}: ${err.message}\n\n${found.command.help}\n`);
      return 64;
    }
    if (err instanceof ConfigError) {
      out.stderr.write(`parley: ${err.message}\n`);
      return 78;
    }
    if (err instanceof ValidationError) {
      out.stderr.write(`parley ${found.command.name}: ${err.errors.map((e) => `${e.field} ${e.message}`).join('; ')}\n`);
      return 65;
    }
    if (err instanceof DomainError) {
      out.stderr.write(`parley ${found.command.name}: ${err.message}\n`);
      return 1;
    }
    out.stderr.write(`parley ${found.command.name}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
