/**
 * The CLI boundary: commander wiring, and the one place errors become messages and exit codes.
 * Command implementations live in `commands/*.ts` and are imported lazily so `--help` stays fast.
 */
import { Command } from 'commander';
// The error classes and the settings table only: `--help` must not load the engine (src/index.ts).
import { ExitCode } from '../errors.js';
import { addSettingOptions } from './options.js';
import { reportError } from './report-error.js';
import { cliVersion } from './version.js';

/** Exit code a command action hands back. */
export type CommandResult = number;

function examples(lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}

export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('qeval')
    .description('Evaluate and regression-test LLM prompts (built first for qwen-max on the AI/ML API)')
    .version(cliVersion(), '-v, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(str) })
    .addHelpText(
      'after',
      examples([
        'qeval run                                 # replay the suites under suites/ from cassettes',
        'qeval validate suites                     # check every suite file, print every error',
        'AIMLAPI_KEY=… qeval run --mode record     # call the gateway and record cassettes',
        'qeval compare old/report.json reports/report.json',
        'qeval run --shard 1/4 -o reports/shard-1 && qeval merge reports/shard-* -o reports',
      ]),
    );

  const lazy =
    <A extends unknown[]>(name: string) =>
    async (...args: A) => {
      const mod = (await import(`./commands/${name}.js`)) as { execute: (...a: A) => Promise<CommandResult> };
      setExit(await mod.execute(...args));
    };

  addSettingOptions(
    program
      .command('run')
      .description('run suites and write reports (default: suites/ in replay mode)')
      .argument('[paths...]', 'suite files, directories or globs (default: suites/)'),
    'run',
  )
    .addHelpText(
      'after',
      examples([
        'qeval run suites/multilingual.yaml --lang zh,ar',
        'qeval run -m qwen-max alibaba/qwen3-max-instruct --mode auto -j 16',
        'qeval run --baseline main/report.json --max-drop 2',
        'qeval run --shard 2/4 -o reports/shard-2 --no-progress',
      ]),
    )
    .action(lazy('run'));

  program
    .command('validate')
    .description('check suite files; print every error of every file at once')
    .argument('[paths...]', 'suite files, directories or globs (default: suites/)')
    .option('-c, --config <file>', 'config file (default: ./qeval.config.yaml when present)')
    .addHelpText(
      'after',
      examples(['qeval validate', 'qeval validate suites/greetings.yaml other/**/*.yaml']),
    )
    .action(lazy('validate'));

  program
    .command('init')
    .description('write a starter suite and config into a directory')
    .argument('[dir]', 'target directory', '.')
    .option('--force', 'overwrite existing files')
    .addHelpText('after', examples(['qeval init', 'qeval init my-evals']))
    .action(lazy('init'));

  const cassettes = program.command('cassettes').description('inspect and maintain cassette files');
  addSettingOptions(
    cassettes
      .command('check')
      .description('list tests without a recording and entries no test uses (exit 1 if any)')
      .argument('[paths...]', 'suite files, directories or globs (default: suites/)')
      .option('--prune', 'remove entries no test uses'),
    'cassettes',
  )
    .addHelpText('after', examples(['qeval cassettes check', 'qeval cassettes check suites --prune']))
    .action(lazy('cassettes-check'));

  addSettingOptions(
    program
      .command('rescore')
      .description(
        "score a report's stored responses again with the suites' current assertions (no model call)",
      )
      .argument('<report>', 'report.json'),
    'rescore',
  )
    .addHelpText('after', examples(['qeval rescore reports/report.json -o reports/rescored']))
    .action(lazy('rescore'));

  addSettingOptions(
    program
      .command('judge-check')
      .description(
        "grade a report's stored answers again and measure how far each grader agrees with itself and the others",
      )
      .argument('<report>', 'report.json')
      .option('--samples <n>', "gradings of each answer, the run's own included", '5')
      .option('--seed <n>', 'bootstrap seed', '1'),
    'judge-check',
  )
    .addHelpText(
      'after',
      examples([
        'qeval judge-check reports/report.json                       # replay the recorded gradings',
        'AIMLAPI_KEY=… qeval judge-check reports/report.json --samples 5 --mode auto',
      ]),
    )
    .action(lazy('judge-check'));

  program
    .command('report')
    .description('render a report.json again in other formats')
    .argument('<report>', 'report.json')
    .option('--format <list>', 'json,html,junit,md', 'html')
    .option('-o, --output <dir>', 'output directory (default: beside the report)')
    .addHelpText('after', examples(['qeval report reports/report.json --format html,md']))
    .action(lazy('report'));

  addSettingOptions(
    program
      .command('compare')
      .description('compare two reports (or two models of one report) with paired statistics')
      .argument('<a>', 'report.json of A (the baseline)')
      .argument('[b]', 'report.json of B (omit to compare two models inside A)')
      .option('--a <model>', 'model or variant for side A inside one report')
      .option('--b <model>', 'model or variant for side B inside one report')
      .option('--seed <n>', 'bootstrap seed', '1')
      .option(
        '--judge [model]',
        "ask a grader which answer is better for each paired case, in both orders (default model: the suites' grader, else qwen-max)",
      ),
    'compare',
  )
    .addHelpText(
      'after',
      examples([
        'qeval compare main/report.json reports/report.json -o reports/compare',
        'qeval compare reports/report.json --a qwen-max --b qwen-max-2025-01-25',
        'qeval compare main/report.json reports/report.json --judge --mode auto   # records missing grader calls',
      ]),
    )
    .action(lazy('compare'));

  program
    .command('comment')
    .description('post the run as one pull-request comment (updated in place), or print its Markdown')
    .argument('<report>', 'report.json of this run')
    .option('--baseline <report>', "the base branch's report.json to compare against")
    .option('--key <name>', 'tells several qeval comments on one pull request apart', 'report')
    .option('--print', 'print the Markdown instead of posting it')
    .addHelpText(
      'after',
      examples([
        'qeval comment reports/report.json --baseline base/report.json   # in a pull_request job',
        'qeval comment reports/report.json --print > comment.md',
      ]),
    )
    .action(lazy('comment'));

  program;
  addSettingOptions(
    program
      .command('merge')
      .description(
        'join shard reports into the report an unsharded run would give, and exit with its verdict as run would',
      )
      .argument('<reports...>', 'shard report.json files or their directories'),
    'merge',
  )
    .addHelpText(
      'after',
      examples([
        'qeval merge reports/shard-*/report.json -o reports',
        'qeval merge reports/shard-* -o reports --baseline base/report.json',
      ]),
    )
    .action(lazy('merge'));

  return program;
}

/** Runs the CLI; returns the process exit code. Never throws for a user's mistake. */
export async function main(argv: string[]): Promise<number> {
  let code: number = ExitCode.ok;
  const program = buildProgram((c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv);
    return code;
  } catch (err) {
    return reportError(err);
  }
}
