import path from 'node:path';

/**
 * src/core ← src/views ← src/app: a file may import from its own layer or a lower one, never a higher
 * one, at any depth of either path (docs/architecture.md). Relative imports are resolved against the
 * importing file, so `../../views/x` from `src/core/import/` is caught as well as `../views/x`.
 */
const LAYERS = ['core', 'views', 'app'];
const SRC = path.resolve('src');

function layerOf(file) {
  const rel = path.relative(SRC, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return -1;
  return LAYERS.indexOf(rel.split(path.sep)[0]);
}

const oneWay = {
  meta: {
    type: 'problem',
    docs: { description: 'imports flow one way: core ← views ← app' },
    messages: { upward: '{{from}} must not import from {{to}} (imports flow one way: core ← views ← app)' },
    schema: [],
  },
  create(context) {
    const file = path.resolve(context.filename);
    const own = layerOf(file);
    if (own < 0) return {};
    const check = (node, source) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = layerOf(path.resolve(path.dirname(file), source));
      if (target > own) {
        context.report({
          node,
          messageId: 'upward',
          data: { from: `src/${LAYERS[own]}`, to: `src/${LAYERS[target]}` },
        });
      }
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

export const layersPlugin = { rules: { 'one-way': oneWay } };
