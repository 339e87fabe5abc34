import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../../src/common/project-root';

const ROOT = projectRoot(__dirname);
const json = <T>(file: string) => JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as T;

interface NestCli {
  sourceRoot: string;
  entryFile: string;
  compilerOptions: { builder: string; tsConfigPath: string };
}
interface TsConfig {
  extends?: string;
  include?: string[];
  compilerOptions?: { rootDir?: string; outDir?: string };
}
const scripts = () => json<{ scripts: Record<string, string> }>('package.json').scripts;

/**
 * nest-cli.json describes the build the npm scripts run with tsc (README, Architecture): the Nest
 * CLI is not installed, so this keeps the file true to that build instead of trusting it.
 */
describe('nest-cli.json', () => {
  const cli = json<NestCli>('nest-cli.json');
  const build = json<TsConfig>(cli.compilerOptions.tsConfigPath);
  const base = json<TsConfig>('tsconfig.json');

  it('names the source root and the build tsconfig the npm scripts use', () => {
    expect(cli.sourceRoot).toBe('src');
    expect(existsSync(join(ROOT, cli.sourceRoot))).toBe(true);
    expect(cli.compilerOptions).toMatchObject({ builder: 'tsc', tsConfigPath: 'tsconfig.build.json' });
    expect(scripts().build).toBe(`tsc -p ${cli.compilerOptions.tsConfigPath}`);
    expect(build.include).toContain(cli.sourceRoot);
  });

  it('names the entry file the build emits and npm start runs', () => {
    // The build keeps the tree from the project root (rootDir "."), so src/main.ts → dist/src/main.js.
    expect(build.extends).toBe('./tsconfig.json');
    expect(base.compilerOptions).toMatchObject({ rootDir: '.', outDir: './dist' });
    expect(existsSync(join(ROOT, `${cli.entryFile}.ts`))).toBe(true);
    expect(scripts().start).toMatch(new RegExp(`^node dist/${cli.entryFile}\\.js\\b`));
  });
});
