import type { FormatCodec } from '@interop/core';
import { FORMAT_CODECS } from '@interop/formats';
import type { Interop } from '../interop/create-interop.js';
import type { FrameworkFiles } from './context.js';

/** The frameworks of a registry that have files, and every format it and `@interop/formats` know. */
export function filesOfInterop(interop: Interop): { files: Record<string, FrameworkFiles>; codecs: readonly FormatCodec[] } {
  const registry = interop.registry();
  const files: Record<string, FrameworkFiles> = {};
  for (const framework of registry.frameworks()) {
    const part = registry.filesOf(framework);
    if (part) files[framework] = { ...part, framework, title: registry.titleOf(framework) };
  }
  const ids = new Set(FORMAT_CODECS.map((c) => c.id));
  const added = registry.formats().filter((c) => !ids.has(c.id));
  return { files, codecs: added.length === 0 ? FORMAT_CODECS : [...FORMAT_CODECS, ...added] };
}
