// What a spec reference page shows, read off one plugin's spec table: every spec type with its
// mapping, IR kind and fields, and the containers' examples from golden fixtures.
import { readFileSync } from 'node:fs';
import * as brainstate from '../../../packages/brainstate/src/index.js';
import * as equinox from '../../../packages/equinox/src/index.js';
import * as linen from '../../../packages/linen/src/index.js';
import * as nnx from '../../../packages/nnx/src/index.js';

/** One argument: its JSON type, and Python's default or (required) an example value. */
export interface FieldDoc {
  readonly type: string;
  readonly default?: unknown;
  readonly example?: unknown;
}

/** One spec `type` a plugin reads. */
export interface TypeDoc {
  /** The spec's `type`. */
  type: string;
  /** The mapping that converts it (null: read, but refused by the converter). */
  mapping: string | null;
  /** The IR kind of that mapping. */
  ir: string | null;
  /** Its arguments by name, in Python's order; undefined when the table gives none. */
  fields: Readonly<Record<string, FieldDoc>> | undefined;
}

/** One framework's page. */
export interface ReferenceModel {
  framework: 'linen' | 'nnx' | 'equinox' | 'brainstate';
  title: string;
  /** Where the table lives, for the page's first line. */
  table: string;
  types: TypeDoc[];
  /** A `Sequential` and a `Module` spec the real framework's model has (golden fixtures), with where they come from. */
  sequential: { fixture: string; spec: unknown };
  module: { fixture: string; spec: unknown };
}

type FlaxEntry = { readonly types: Readonly<Record<string, readonly string[]>>; readonly fields?: Readonly<Record<string, FieldDoc>> };
type Mappings = Readonly<Record<string, { readonly meta: { readonly ir: string } }>>;

function flaxTypes(specs: Readonly<Record<string, FlaxEntry>>, mappings: Mappings): TypeDoc[] {
  return Object.entries(specs)
    .flatMap(([name, entry]) =>
      Object.entries(entry.types).map(([type, args]) => ({
        type,
        mapping: name,
        ir: mappings[name]?.meta.ir ?? null,
        fields: entry.fields && Object.fromEntries(args.filter((a) => entry.fields![a]).map((a) => [a, entry.fields![a]!])),
      })),
    )
    .sort((a, b) => (a.type < b.type ? -1 : 1));
}

type KeyedEntry = { readonly mapping: string | null; readonly fields?: Readonly<Record<string, FieldDoc>> };

function keyedTypes(specs: Readonly<Record<string, KeyedEntry>>, mappings: Mappings): TypeDoc[] {
  return Object.entries(specs)
    .map(([type, entry]) => ({
      type,
      mapping: entry.mapping,
      ir: (entry.mapping !== null && mappings[entry.mapping]?.meta.ir) || null,
      fields: entry.fields,
    }))
    .sort((a, b) => (a.type < b.type ? -1 : 1));
}

/** The spec of golden fixture `group/name`, as the real framework's model wrote it. */
function fixtureSpec(root: string, group: string, name: string) {
  const manifest = JSON.parse(readFileSync(`${root}tooling/conformance/fixtures/${group}/${name}.json`, 'utf8')) as { spec: unknown };
  return { fixture: `${group}/${name}`, spec: manifest.spec };
}

/**
 * The four pages' models, from the plugins' tables.
 *
 * @example
 * ```ts
 * referenceModels('/repo/').map((m) => m.framework); // ['linen', 'nnx', 'equinox', 'brainstate']
 * ```
 */
export function referenceModels(root: string): ReferenceModel[] {
  return [
    {
      framework: 'linen',
      title: 'Flax Linen',
      table: '`specs` in packages/linen/src/mappings/index.ts (each entry beside its mapping), shared fields from @interop/flax',
      types: flaxTypes(linen.specs, linen.mappings),
      sequential: fixtureSpec(root, 'layers_linen', 'sequential_mlp'),
      module: fixtureSpec(root, 'trees_linen', 'live_res'),
    },
    {
      framework: 'nnx',
      title: 'Flax NNX',
      table: '`specs` in packages/nnx/src/mappings/index.ts (each entry beside its mapping), shared fields from @interop/flax',
      types: flaxTypes(nnx.specs, nnx.mappings),
      sequential: fixtureSpec(root, 'layers_nnx', 'sequential_mlp'),
      module: fixtureSpec(root, 'trees_nnx', 'live_res'),
    },
    {
      framework: 'equinox',
      title: 'Equinox',
      table: '`specs` in packages/equinox/src/specs/ (keyed by type)',
      types: keyedTypes(equinox.specs, equinox.mappings as unknown as Mappings),
      sequential: fixtureSpec(root, 'layers_equinox', 'sequential_mlp'),
      module: fixtureSpec(root, 'trees_equinox', 'resblock'),
    },
    {
      framework: 'brainstate',
      title: 'BrainState',
      table: '`specs` in packages/brainstate/src/specs/ (keyed by type)',
      types: keyedTypes(brainstate.specs, brainstate.mappings as unknown as Mappings),
      sequential: fixtureSpec(root, 'layers_brainstate', 'sequential_mlp_dropout'),
      module: fixtureSpec(root, 'trees_brainstate', 'resnet'),
    },
  ];
}
