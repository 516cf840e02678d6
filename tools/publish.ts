/**
 * `npm run publish -- --data FILE … --title TEXT --out DIR`: writes a static, read-only site of the
 * map with those datasets (issue 15). See `tools/publish/publish-site.ts` for what it does and
 * `PUBLISH_USAGE` for the flags. Exit codes: 0 written, 1 refused (nothing written), 2 bad arguments.
 */
import { parsePublishArgs, PublishArgsError, PUBLISH_USAGE } from './publish/args.ts';
import { publishSite, PublishRefusedError } from './publish/publish-site.ts';

/** Runs the tool with these arguments and returns its exit code. */
export async function runPublish(argv: readonly string[], out: (line: string) => void = console.log, err: (line: string) => void = console.error): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    out(PUBLISH_USAGE);
    return 0;
  }
  let options;
  try {
    options = parsePublishArgs(argv);
  } catch (e) {
    if (!(e instanceof PublishArgsError)) throw e;
    err(`publish: ${e.message}\n\n${PUBLISH_USAGE}`);
    return 2;
  }
  try {
    await publishSite(options, { log: out });
    return 0;
  } catch (e) {
    if (!(e instanceof PublishRefusedError)) throw e;
    err(`publish: ${e.message}`);
    return 1;
  }
}

if (import.meta.filename === process.argv[1]) process.exitCode = await runPublish(process.argv.slice(2));
