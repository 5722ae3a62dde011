/**
 * The dependency rules of docs/ARCHITECTURE.md, checked on every `npm test` and
 * `npm run lint`: apps never import other apps, libs never import apps, and the
 * wire contracts and domain rules stay free of Nest, the database, the queues
 * and the other libs. A failure names the file and the import.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const ROOT = resolve(__dirname, '..');
const FRAMEWORKS = [/^@nestjs\//, /^@mikro-orm\//, /^bullmq$/, /^ioredis$/];
/** Libraries that must stand alone: other apps and libs build on them, not the reverse. */
const STANDALONE_LIBS = ['contracts', 'domain'];

/** `apps/drafts`, `libs/domain`, or null for anything else (a package, tools/, test/). */
type Area = { kind: 'apps' | 'libs'; name: string } | null;

function areaOfPath(path: string): Area {
  const [kind, name] = relative(ROOT, path).split(sep);
  return (kind === 'apps' || kind === 'libs') && name ? { kind, name } : null;
}

/** Where an import points: a path alias, a relative path, or a package (null). */
function areaOfImport(file: string, specifier: string): Area {
  const alias = /^@newsroom\/([^/]+)/.exec(specifier);
  if (alias) return { kind: 'libs', name: alias[1] };
  if (specifier.startsWith('.')) return areaOfPath(resolve(dirname(file), specifier));
  return null;
}

/** Every module specifier in a TypeScript source: import/export ... from, bare import, import(), require(). */
export function importsOf(source: string): string[] {
  const withoutComments = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const patterns = [
    /\b(?:import|export)\s[^'"]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return patterns.flatMap((pattern) => [...withoutComments.matchAll(pattern)].map((m) => m[1]));
}

/** The rule each import of `file` breaks, as `file: import 'x' (why)`. */
export function violations(file: string, source: string): string[] {
  const from = areaOfPath(file);
  if (!from) return [];
  const shown = relative(ROOT, file);
  return importsOf(source).flatMap((specifier) => {
    const to = areaOfImport(file, specifier);
    const broken = (why: string) => [`${shown}: import '${specifier}' (${why})`];
    if (from.kind === 'apps' && to?.kind === 'apps' && to.name !== from.name) return broken(`apps/${from.name} must not import apps/${to.name}`);
    if (from.kind === 'libs' && to?.kind === 'apps') return broken(`libs/${from.name} must not import apps/`);
    if (from.kind === 'libs' && STANDALONE_LIBS.includes(from.name)) {
      if (FRAMEWORKS.some((f) => f.test(specifier))) return broken(`libs/${from.name} must not depend on Nest, MikroORM, BullMQ or ioredis`);
      if (specifier.startsWith('@newsroom/') || (to?.kind === 'libs' && to.name !== from.name)) {
        return broken(`libs/${from.name} must not import other @newsroom libraries`);
      }
    }
    return [];
  });
}

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : typeScriptFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('dependency rules', () => {
  it('hold for every TypeScript file in apps/ and libs/', () => {
    const files = ['apps', 'libs'].flatMap((dir) => typeScriptFiles(join(ROOT, dir)));
    expect(files.length).toBeGreaterThan(20);
    const broken = files.flatMap((file) => violations(file, readFileSync(file, 'utf8')));
    expect(broken).toEqual([]);
  });

  describe('the checker itself', () => {
    const at = (path: string) => join(ROOT, path);

    it('catches an app importing another app, by relative path', () => {
      expect(violations(at('apps/gateway/src/x.ts'), "import { A } from '../../drafts/src/a';")).toEqual([
        "apps/gateway/src/x.ts: import '../../drafts/src/a' (apps/gateway must not import apps/drafts)",
      ]);
    });

    it('catches a lib importing an app', () => {
      expect(violations(at('libs/queue/src/x.ts'), "export * from '../../../apps/views/src/v';")).toHaveLength(1);
    });

    it('catches frameworks and other libs in contracts and domain, type-only and multi-line imports too', () => {
      const source = [
        "import type { Job } from 'bullmq';",
        "import {\n  Injectable,\n} from '@nestjs/common';",
        "import { Article } from '@newsroom/database';",
        "const redis = require('ioredis');",
        "import { x } from '../../config/src/x';",
      ].join('\n');
      expect(violations(at('libs/contracts/src/x.ts'), source)).toHaveLength(5);
      expect(violations(at('libs/domain/src/x.ts'), "import { Entity } from '@mikro-orm/core';")).toHaveLength(1);
    });

    it('allows what the architecture allows', () => {
      const source = "import { Injectable } from '@nestjs/common';\nimport { QueueName } from '@newsroom/contracts';\nimport { a } from './a';";
      expect(violations(at('apps/drafts/src/x.ts'), source)).toEqual([]);
      expect(violations(at('libs/queue/src/x.ts'), source)).toEqual([]);
      expect(violations(at('libs/domain/src/article/x.ts'), "import sanitizeHtml from 'sanitize-html';\nimport { y } from '../errors';")).toEqual([]);
      expect(violations(at('libs/contracts/src/x.ts'), "// import { No } from '@nestjs/common';")).toEqual([]);
    });
  });
});
