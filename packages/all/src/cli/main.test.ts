import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadFixture } from '@interop/testing';
import { describe, expect, it } from 'vitest';
import type { CliIO } from './io.js';
import { main } from './main.js';

function capture(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l) };
}

const dir = mkdtempSync(join(tmpdir(), 'interop-cli-'));

describe('interop CLI', () => {
  it('inspects a Linen checkpoint written by real Flax, as a table and as JSON', async () => {
    const fixture = await loadFixture('layers_linen', 'dense');
    const file = join(dirname(fixture.path), (fixture.manifest.files as Record<string, string>).checkpoint!);
    const io = capture();
    expect(await main(['inspect', file], io)).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/format: +Flax msgpack/);
    expect(io.stdout.some((l) => /^params\/kernel +float32 +\[/.test(l))).toBe(true);
    const json = capture();
    expect(await main(['inspect', file, '--json'], json)).toBe(0);
    const parsed = JSON.parse(json.stdout.join(''));
    expect(parsed.format).toBe('msgpack');
    expect(parsed.arrays.map((a: { path: string }) => a.path).sort()).toEqual(['params/bias', 'params/kernel']);
  });

  it('reports a corrupted file in one line with its code and exits 2', async () => {
    const bad = join(dir, 'bad.msgpack');
    writeFileSync(bad, new Uint8Array([0x81, 0xa6, 0x70, 0x61]));
    const io = capture();
    expect(await main(['inspect', bad], io)).toBe(2);
    expect(io.stderr).toHaveLength(1);
    expect(io.stderr[0]).toMatch(/^interop: E_FORMAT_TRUNCATED: /);
    expect(io.stdout).toEqual([]);
  });

  it('rejects an unknown command and an unknown flag with exit 2, no stack trace', async () => {
    const cmd = capture();
    expect(await main(['convrt'], cmd)).toBe(2);
    expect(cmd.stderr[0]).toMatch(/^interop: E_INVALID_ARGUMENT: Unknown command "convrt"/);
    const flag = capture();
    expect(await main(['inspect', 'x', '--frm', 'nnx'], flag)).toBe(2);
    expect(flag.stderr).toHaveLength(1);
    expect(flag.stderr[0]).toMatch(/^interop: E_INVALID_ARGUMENT: .*--frm/);
  });

  it('with --json, an error is also one JSON object on stdout, still exit 2', async () => {
    const bad = join(dir, 'bad-json.msgpack');
    writeFileSync(bad, new Uint8Array([0x81, 0xa6, 0x70, 0x61]));
    const io = capture();
    expect(await main(['inspect', bad, '--json'], io)).toBe(2);
    expect(io.stdout).toHaveLength(1);
    const parsed = JSON.parse(io.stdout[0]!);
    expect(parsed).toMatchObject({ ok: false, code: 'E_FORMAT_TRUNCATED' });
    expect(parsed.message).toMatch(/ends early/);
  });

  it('prints the stack only with --debug', async () => {
    const io = capture();
    expect(await main(['inspect', join(dir, 'missing.eqx'), '--debug'], io)).toBe(2);
    expect(io.stderr[0]).toMatch(/^interop: E_IO: /);
    expect(io.stderr.length).toBeGreaterThan(1);
  });

  it("--version (and -v) prints the version from @interop/all's package.json and exits 0", async () => {
    const { name, version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      name: string;
      version: string;
    };
    expect(name).toBe('@interop/all');
    for (const argv of [['--version'], ['-v'], ['demo', '--version']]) {
      const io = capture();
      expect(await main(argv, io), argv.join(' ')).toBe(0);
      expect(io.stdout).toEqual([version]);
      expect(io.stderr).toEqual([]);
    }
    const help = capture();
    expect(await main(['--help'], help)).toBe(0);
    expect(help.stdout.join('\n')).toMatch(/--version +the version of @interop\/all/);
  });
});
