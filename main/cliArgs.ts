/**
 * Command-line arguments for the CLIs (reports, project files, harness): Node's own `parseArgs`
 * (strict: unknown options, missing values and values given to switches are refused) with the
 * refusal put in one short sentence a person can act on. Each CLI prints it with its usage and
 * exits with code 2.
 */
import { parseArgs } from 'node:util';

/** Wrong usage: the message says what, the CLI adds its usage text. */
export class UsageError extends Error {}

export interface CliOption {
  type: 'string' | 'boolean';
  short?: string;
}
export type CliOptions = Readonly<Record<string, CliOption>>;

export type CliValues<O extends CliOptions> = {
  [K in keyof O]?: O[K]['type'] extends 'string' ? string : boolean;
};

export interface ParsedCli<O extends CliOptions> {
  values: CliValues<O>;
  /** Arguments that are not options, in order (everything after `--` is one). */
  positionals: string[];
  /** Options as typed, in order (e.g. to refuse two options given together). */
  given: { name: keyof O & string; rawName: string }[];
}

/**
 * Parses `argv` against `options`. Throws a UsageError for an unknown option ("Unknown option
 * --colour."), an option without its value ("--out needs a value."), a value given to a switch, or
 * a value option given twice.
 */
export function parseCliArgs<O extends CliOptions>(argv: readonly string[], options: O): ParsedCli<O> {
  const parse = () =>
    parseArgs({
      args: [...argv],
      options: { ...options },
      allowPositionals: true,
      strict: true,
      tokens: true,
    });
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse();
  } catch (error) {
    throw new UsageError(describeRefusal(argv, options, error));
  }
  const given: ParsedCli<O>['given'] = [];
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== 'option') continue;
    if (options[token.name]?.type === 'string') {
      if (seen.has(token.name)) throw new UsageError(`--${token.name} is given twice.`);
      seen.add(token.name);
    }
    given.push({ name: token.name, rawName: token.rawName });
  }
  return { values: parsed.values as CliValues<O>, positionals: parsed.positionals, given };
}

/** parseArgs's refusal, said the way our CLIs say it (its own message when none fits). */
function describeRefusal(argv: readonly string[], options: CliOptions, error: unknown): string {
  const { tokens } = parseArgs({
    args: [...argv],
    options: { ...options },
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const option = options[token.name];
    if (!option) return `Unknown option ${token.rawName}.`;
    if (option.type === 'string') {
      if (token.value === undefined) return `${token.rawName} needs a value.`;
      if (!token.inlineValue && token.value.startsWith('-'))
        return `${token.rawName} needs a value (for a value that starts with “-”, write --${token.name}=${token.value}).`;
    } else if (token.value !== undefined) {
      return `${token.rawName} does not take a value.`;
    }
  }
  return error instanceof Error ? error.message : String(error);
}
