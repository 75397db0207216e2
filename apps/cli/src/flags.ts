/** A usage mistake: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface Flags {
  readonly values: Readonly<Record<string, string | undefined>>;
  readonly switches: ReadonlySet<string>;
  readonly positional: readonly string[];
}

/** `--name value`, `--name=value` and bare `--switch`; anything unknown is a usage error. */
export function parseFlags(args: readonly string[], valued: readonly string[], switches: readonly string[]): Flags {
  const values: Record<string, string> = {};
  const on = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (valued.includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      values[name] = value;
    } else if (switches.includes(name) && inline === undefined) {
      on.add(name);
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
  }
  return { values, switches: on, positional };
}
