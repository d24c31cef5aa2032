/**
 * The tokenizers and statement structure do not get fooled: brackets, quotes and layer names
 * inside template literals, regexes, comments and Python triple-quoted strings; statements ended
 * by automatic semicolon insertion; decorators; the import forms that bind names.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { structureOf } from '../../../src/codegen/structure';
import { isInsertionLine } from '../../../src/codegen/source-structure';

const statements = (text: string, language: 'typescript' | 'javascript' | 'python') =>
  structureOf(text, language).statements.map((s) => `${s.kind}${s.name ? ` ${s.name}` : ''} [${s.bindings.join(',')}]${s.module ? ` from ${s.module}` : ''} ${s.docStartLine}/${s.startLine}-${s.endLine}`);

test('TS: template literals, regexes and comments hide their brackets', () => {
  const text = [
    "import * as tf from '@tensorflow/tfjs';", // 0
    "import def, { a, b as c, type T } from './m';", // 1
    "import x = require('y');", // 2
    '/** Doc. */', // 3
    'export async function f(s: string) {', // 4
    '  const t = `}${s.replace(/[{}"]/g, "}")}{` + \'{\';', // 5
    '  // }', // 6
    '  /* { */', // 7
    '  return t / 2 / 1;', // 8
    '}', // 9
    'const g = (a: number) =>', // 10
    '  a + 1', // 11
    'let h = 1', // 12
    'class K {}', // 13
    '',
  ].join('\n');
  assert.deepEqual(statements(text, 'typescript'), [
    'import [tf] from @tensorflow/tfjs 0/0-0',
    'import [def,a,c,T] from ./m 1/1-1',
    'import [x] from y 2/2-2',
    'function f [f] 3/4-9',
    'variable g [g] 10/10-11',
    'variable h [h] 12/12-12',
    'class K [K] 13/13-13',
  ]);
  const s = structureOf(text, 'typescript');
  assert.deepEqual([0, 3, 4, 5, 9, 10, 11, 12, 13, 14].map((l) => isInsertionLine(s, l)), [true, true, false, false, false, true, false, true, true, true]);
});

test('JS: CommonJS requires bind names; destructuring binds the local names', () => {
  const text = "const tf = require('@tensorflow/tfjs');\nconst { readFile, join: j } = require('node:fs');\nmodule.exports = { tf };\n";
  assert.deepEqual(statements(text, 'javascript'), [
    'import [tf] from @tensorflow/tfjs 0/0-0',
    'import [readFile,j] from node:fs 1/1-1',
    'other [] 2/2-2',
  ]);
});

test('Python: logical lines, triple-quoted strings, decorators and import forms', () => {
  const text = [
    '"""Module doc with a ( and def x():"""', // 0
    'import torch.nn.functional as F, os.path', // 1
    'from torch import (nn,', // 2
    '                   optim as o)', // 3
    'from x import *', // 4
    '@decorator(', // 5
    '    "arg")', // 6
    'class A(nn.Module):', // 7
    '    s = """', // 8
    'def fake():', // 9
    '"""', // 10
    '    def f(self):', // 11
    '        return [1,', // 12
    '2]', // 13
    '# a comment at column 0', // 14
    'X = 1 + \\', // 15
    '    2', // 16
    '',
  ].join('\n');
  assert.deepEqual(statements(text, 'python'), [
    'other [] 0/0-0',
    'import [F,os] from torch.nn.functional 1/1-1',
    'import [nn,o] from torch 2/2-3',
    'import [*] from x 4/4-4',
    'class A [A] 5/5-13',
    'variable X [X] 15/15-16',
  ]);
  const s = structureOf(text, 'python');
  assert.deepEqual([5, 7, 9, 10, 13, 14, 15, 16, 17].map((l) => isInsertionLine(s, l)), [true, false, false, false, false, true, true, false, true]);
});
