// Test-only: a trees_brainstate golden case as a module built from its spec, its checkpoint loaded.
import { loadFixture } from '@interop/testing';
import { msgpackLoad } from '../files.js';
import type { Module } from '../module.js';
import { moduleFromSpec } from '../spec.js';
import type { ModuleSpec } from '../spec.js';

/** The cases whose model is a user-written class (the others are pooling and Flatten layers). */
export const TREE_CASES = ['autoencoder', 'cnn', 'cnn_maxpool', 'resnet'] as const;

/** Loads a case: the module its spec describes, with the checkpoint the real class saved. */
export function goldenTree(name: string) {
  const fixture = loadFixture('trees_brainstate', name);
  const bytes = fixture.file('checkpoint');
  const module: Module = moduleFromSpec(fixture.manifest.spec as ModuleSpec);
  msgpackLoad(module, bytes);
  return { fixture, bytes, module, spec: fixture.manifest.spec as ModuleSpec };
}
