import { InteropError } from '../errors/interop-error.js';
import type { FormatCodec, PluginFiles } from './files.js';
import type { Plugin } from './types.js';

/**
 * The registry's files parts (one per framework) and the format codecs they bring, each codec
 * once by id in registration order. Several plugins may bring the very same codec value (Flax
 * msgpack is three frameworks' format); a different codec under a taken id is refused.
 */
export class FilesTable {
  readonly byFramework = new Map<string, { files: PluginFiles; plugin: string }>();
  readonly codecs = new Map<string, { codec: FormatCodec; plugin: string }>();

  /** Throws `E_INVALID_PLUGIN` when the plugin's files part clashes with what is registered. */
  check(plugin: Plugin): void {
    const { files, meta } = plugin;
    if (!files) return;
    const owner = this.byFramework.get(meta.framework);
    if (owner) {
      throw new InteropError('E_INVALID_PLUGIN', `Framework "${meta.framework}" already has its files, from plugin "${owner.plugin}"`, {
        plugin: meta.name,
        framework: meta.framework,
        fix: 'Leave `files` out of plugins that only add mappings to a framework',
      });
    }
    for (const codec of files.formats) {
      const taken = this.codecs.get(codec.id);
      if (taken && taken.codec !== codec) {
        throw new InteropError(
          'E_INVALID_PLUGIN',
          `Format "${codec.id}" of plugin "${meta.name}" is another codec than the "${codec.id}" of plugin "${taken.plugin}"`,
          {
            plugin: meta.name,
            fix: `Reuse the registered codec (e.g. @interop/formats' ${codec.id}Codec) or give the new format its own id`,
          },
        );
      }
    }
  }

  /** Registers the plugin's files part; call {@link FilesTable.check} first. */
  add(plugin: Plugin): void {
    const { files, meta } = plugin;
    if (!files) return;
    this.byFramework.set(meta.framework, { files, plugin: meta.name });
    for (const codec of files.formats) if (!this.codecs.has(codec.id)) this.codecs.set(codec.id, { codec, plugin: meta.name });
  }
}
