import { InteropError, MissingPluginError, createRegistry, expectFramework } from '@interop/core';
import type { ConversionOptions, Plugin, Registry, SampleInput } from '@interop/core';
import { filesOfInterop } from '../cli/registry-context.js';
import { loadFile, saveFile } from './file-api.js';
import { checkFramework } from './framework-names.js';
import type { ConvertToOptions, ImportOptions, ModelOf } from './frameworks.js';
import type { Interop } from './interop-types.js';

export type { ConvertToOptions, FrameworkName, FrameworkOptions, Frameworks, ImportOptions, ModelOf, OptionsOf } from './frameworks.js';
export type { LoadOptions, LoadSource, LoadedFile, SaveOptions, SaveTarget, SavedFile } from './file-types.js';
export type { Interop } from './interop-types.js';

type Step = (registry: Registry) => Registry;

function split(options: ImportOptions = {}): { sampleInput?: SampleInput; options: ConversionOptions } {
  const { sampleInput, ...rest } = options;
  return sampleInput === undefined ? { options: rest } : { sampleInput, options: rest };
}

/**
 * An {@link Interop} over `plugins`. `@interop/all` exports one over the four framework plugins
 * as `interop`; make your own to pick plugins or keep custom mappings apart.
 *
 * @example
 * ```ts
 * import brainstate from '@interop/brainstate';
 * import nnx from '@interop/nnx';
 * const mine = createInterop([brainstate, nnx]);
 * const nnxModel = mine.toNnx(model, { rngs: new Rngs(0) });
 * ```
 */
export function createInterop(plugins: readonly Plugin[]): Interop {
  const steps: Step[] = plugins.map((plugin) => (r: Registry) => r.use(plugin));
  let current: Registry | undefined;

  const registry = (): Registry => (current ??= steps.reduce((r, step) => step(r), createRegistry()));

  // A registry freezes once it converts, so an addition builds a new one; a bad addition throws
  // here and leaves the working registry as it was.
  function add(step: Step): void {
    const next = step(steps.reduce((r, s) => s(r), createRegistry()));
    steps.push(step);
    current = next;
  }

  function convert(model: unknown, options: ConvertToOptions): unknown {
    const { to, from, ...rest } = options;
    const r = registry();
    checkFramework(to, r.frameworks(), 'to');
    if (from !== undefined) checkFramework(from, r.frameworks(), 'from');
    const { sampleInput, options: mappingOptions } = split(rest);
    return r.convert(model, { from: from ?? r.frameworkOf(model), to, sampleInput, options: mappingOptions });
  }

  // The toX/fromX calls take one framework's models: another's is refused naming the call that fits.
  function expecting<T>(call: string, framework: string, label: string, to: string, model: unknown, run: () => T): T {
    expectFramework(registry(), model, { call, framework, label, to });
    return run();
  }

  const interop: Interop = {
    supportedLayers(framework) {
      const r = registry();
      const targets = framework === undefined ? r.frameworks().filter((f) => f !== 'brainstate') : [framework];
      return Object.fromEntries(targets.map((to) => [to, r.convertibleLayers('brainstate', to)]));
    },
    toNnx: (model, options = {}) =>
      expecting(
        'toNnx',
        'brainstate',
        'BrainState',
        'nnx',
        model,
        () => convert(model, { from: 'brainstate', to: 'nnx', ...options }) as ModelOf<'nnx'>,
      ),
    fromNnx: (model, options = {}) =>
      expecting(
        'fromNnx',
        'nnx',
        'NNX',
        'brainstate',
        model,
        () => convert(model, { from: 'nnx', to: 'brainstate', ...options }) as ModelOf<'brainstate'>,
      ),
    toLinen: (model) =>
      expecting(
        'toLinen',
        'brainstate',
        'BrainState',
        'linen',
        model,
        () => convert(model, { from: 'brainstate', to: 'linen' }) as ModelOf<'linen'>,
      ),
    fromLinen: (module, variables, options = {}) => {
      if (Array.isArray(module)) {
        throw new InteropError(
          'E_INVALID_ARGUMENT',
          'fromLinen takes the module and its variables as two arguments, not one [module, variables] array',
          {
            fix: 'Call interop.fromLinen(module, variables), or spread the pair: interop.fromLinen(...pair)',
          },
        );
      }
      return convert([module, variables], { from: 'linen', to: 'brainstate', ...options }) as ModelOf<'brainstate'>;
    },
    toEquinox: (model, options = {}) =>
      expecting(
        'toEquinox',
        'brainstate',
        'BrainState',
        'equinox',
        model,
        () => convert(model, { from: 'brainstate', to: 'equinox', ...options }) as ModelOf<'equinox'>,
      ),
    fromEquinox: (model, options = {}) =>
      expecting(
        'fromEquinox',
        'equinox',
        'Equinox',
        'brainstate',
        model,
        () => convert(model, { from: 'equinox', to: 'brainstate', ...options }) as ModelOf<'brainstate'>,
      ),
    convert: convert as Interop['convert'],
    frameworkOf: (model) => registry().frameworkOf(model),
    toIR: (model, framework, options) => registry().toIR(model, framework, split(options)),
    fromIR: (ir, framework, options) => registry().fromIR(ir, framework, split(options)),
    registerLayerMapping: (mapping, options) => add((r) => r.registerLayerMapping(mapping, options)),
    use: (plugin) => add((r) => r.use(plugin)),
    registry,
    files(framework) {
      const r = registry();
      const files = r.filesOf(framework);
      if (files) return files;
      const known = r.frameworks().filter((f) => r.filesOf(f));
      throw new MissingPluginError(`No plugin of framework "${framework}" describes its files`, {
        framework,
        expected: `one of ${known.join(', ')}`,
        fix: 'Add a plugin with a files part (createInterop([...plugins]) or interop.use(plugin))',
      });
    },
    load: (source, options) => loadFile(filesOfInterop(interop), source, options),
    save: (model, target, options) => saveFile(filesOfInterop(interop), model, target, options),
  };
  return interop;
}
