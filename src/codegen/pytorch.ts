/**
 * PyTorch (`torch.nn.Module`) source for an architecture, computing exactly what the engine's TF.js
 * model computes:
 *  - TensorFlow's 'same' padding is reproduced by padding explicitly (the odd extra row/column
 *    goes bottom/right, which PyTorch's symmetric `padding=` cannot express for stride 2 or even
 *    kernels); a stride-1 odd kernel uses the equivalent symmetric `padding=k // 2`.
 *  - BatchNorm eps 1e-3, momentum 1 - 0.99 = 0.01 (PyTorch's momentum weights the new batch).
 *  - swish is SiLU; Dense on a feature map and Flatten work in TF's channels-last order.
 * The module takes NCHW input. Its submodule paths are the TF.js layer names with dots for
 * underscores (`stage1.l0.expand` <-> `stage1_l0_expand`), so weights map by name. Parameters plus
 * batch-norm running statistics (num_batches_tracked aside) equal architectureCost(arch).params,
 * which counts what TF.js stores.
 */
import type { ArchitectureSpec, FixedActivation } from '../shared/architecture';
import { checkArchitecture, type TracedFixedLayer } from '../shared/architecture-check';
import { pathCost, seChannels } from '../shared/cost';
import { architectureLayerNames, MBCONV_SUFFIX } from '../shared/layer-names';
import type { Activation } from '../shared/search-space';
import { BLOCK_BATCH_NORM, describeArchitecture, describeBlock, numberLiteral, pyDoc } from './emit-helpers';
import { assemble, type GeneratedCode, type GenerateOptions, type GeneratedSection } from './generated-code';
import { NameAllocator, pascalCase, pythonAttribute } from './identifiers';

const I = '    ';
const II = I + I;

const ACTIVATION_MODULES: Record<Activation, string> = { relu: 'nn.ReLU', relu6: 'nn.ReLU6', swish: 'nn.SiLU' };

/** The expression applying a fixed activation to `x` (channels are axis 1 in NCHW and in (N, C)). */
function activate(fn: FixedActivation, x: string): string {
  switch (fn) {
    case 'linear':
      return x;
    case 'relu':
      return `F.relu(${x})`;
    case 'relu6':
      return `F.relu6(${x})`;
    case 'swish':
      return `F.silu(${x})`;
    case 'sigmoid':
      return `torch.sigmoid(${x})`;
    case 'softmax':
      return `torch.softmax(${x}, dim=1)`;
  }
}

const bnArgs = (eps: number, tfMomentum: number): string => `eps=${numberLiteral(eps)}, momentum=${numberLiteral(1 - tfMomentum)}`;
const attr = (key: keyof typeof MBCONV_SUFFIX): string => MBCONV_SUFFIX[key].replace(/^_/, '');

function padSameHelper(fn: string): string {
  return [
    `def ${fn}(x: torch.Tensor, kernel: int, stride: int) -> torch.Tensor:`,
    pyDoc(['Zero-pads like TensorFlow\'s padding="same": when the total is odd, the extra row/column goes bottom/right.'], I),
    `${I}height, width = x.shape[-2:]`,
    `${I}pad_h = max(((height + stride - 1) // stride - 1) * stride + kernel - height, 0)`,
    `${I}pad_w = max(((width + stride - 1) // stride - 1) * stride + kernel - width, 0)`,
    `${I}return F.pad(x, (pad_w // 2, pad_w - pad_w // 2, pad_h // 2, pad_h - pad_h // 2))`,
  ].join('\n');
}

function mbconvHelper(cls: string, padSame: string): string {
  const bn = bnArgs(BLOCK_BATCH_NORM.epsilon, BLOCK_BATCH_NORM.momentum);
  return [
    `class ${cls}(nn.Module):`,
    pyDoc(
      [
        `One MBConv layer, exactly as DNA Search builds it: 1x1 expand (left out when expansion is 1), depthwise kernel x kernel with the stride and TensorFlow "same" padding, squeeze-excite (when se_channels > 0), 1x1 project, each convolution followed by batch norm; an identity shortcut when the stride is 1 and the channel count stays the same. Submodules are named like the TF.js layers (expand <-> <name>_expand).`,
      ],
      I,
    ),
    '',
    `${I}def __init__(`,
    `${II}self, in_channels: int, out_channels: int, kernel: int, stride: int, expansion: int, se_channels: int, activation: type[nn.Module]`,
    `${I}):`,
    `${II}super().__init__()`,
    `${II}expanded = in_channels * expansion`,
    `${II}self.kernel = kernel`,
    `${II}self.stride = stride`,
    `${II}self.residual = stride == 1 and in_channels == out_channels`,
    `${II}self.act = activation()`,
    `${II}self.${attr('expand')} = nn.Conv2d(in_channels, expanded, 1, bias=False) if expansion != 1 else None`,
    `${II}self.${attr('expandBn')} = nn.BatchNorm2d(expanded, ${bn}) if expansion != 1 else None`,
    `${II}self.${attr('dw')} = nn.Conv2d(expanded, expanded, kernel, stride=stride, groups=expanded, bias=False)`,
    `${II}self.${attr('dwBn')} = nn.BatchNorm2d(expanded, ${bn})`,
    `${II}self.${attr('seReduce')} = nn.Conv2d(expanded, se_channels, 1) if se_channels > 0 else None`,
    `${II}self.${attr('seExpand')} = nn.Conv2d(se_channels, expanded, 1) if se_channels > 0 else None`,
    `${II}self.${attr('project')} = nn.Conv2d(expanded, out_channels, 1, bias=False)`,
    `${II}self.${attr('projectBn')} = nn.BatchNorm2d(out_channels, ${bn})`,
    '',
    `${I}def forward(self, x: torch.Tensor) -> torch.Tensor:`,
    `${II}shortcut = x`,
    `${II}if self.${attr('expand')} is not None:`,
    `${II}${I}x = self.act(self.${attr('expandBn')}(self.${attr('expand')}(x)))`,
    `${II}x = self.act(self.${attr('dwBn')}(self.${attr('dw')}(${padSame}(x, self.kernel, self.stride))))`,
    `${II}if self.${attr('seReduce')} is not None:`,
    `${II}${I}s = x.mean(dim=(2, 3), keepdim=True)`,
    `${II}${I}s = torch.sigmoid(self.${attr('seExpand')}(self.act(self.${attr('seReduce')}(s))))`,
    `${II}${I}x = x * s`,
    `${II}x = self.${attr('projectBn')}(self.${attr('project')}(x))`,
    `${II}return x + shortcut if self.residual else x`,
  ].join('\n');
}

interface ModuleLines {
  init: string[];
  forward: string[];
}

/** The __init__ and forward lines of one fixed (stem/head) layer, named `name` (its TF.js layer name). */
function fixedLayerLines(traced: TracedFixedLayer, name: string, padSame: string): ModuleLines {
  const { layer, input } = traced;
  const self = `self.${pythonAttribute(name)}`;
  const channels = input[input.length - 1];
  const isMap = input.length === 3;
  const comment = `  # ${name}`;
  switch (layer.kind) {
    case 'conv2d':
    case 'depthwiseConv2d': {
      const k = layer.kernel;
      const s = layer.stride;
      // 'same' needs no padding for 1x1 kernels, the symmetric k // 2 for odd kernels at stride 1,
      // and TF's asymmetric padding otherwise.
      const symmetric = layer.padding === 'same' && k > 1 && s === 1 && k % 2 === 1;
      const explicit = layer.padding === 'same' && k > 1 && !symmetric;
      const outChannels = layer.kind === 'conv2d' ? layer.filters : channels * layer.depthMultiplier;
      const ctor = [
        String(channels),
        String(outChannels),
        String(k),
        s === 1 ? '' : `stride=${s}`,
        symmetric ? `padding=${(k - 1) / 2}` : '',
        layer.kind === 'depthwiseConv2d' ? `groups=${channels}` : '',
        layer.useBias ? '' : 'bias=False',
      ].filter(Boolean);
      const inputExpr = explicit ? `${padSame}(x, ${k}, ${s})` : 'x';
      return { init: [`${II}${self} = nn.Conv2d(${ctor.join(', ')})`], forward: [`${II}x = ${activate(layer.activation, `${self}(${inputExpr})`)}`] };
    }
    case 'batchNorm':
      return {
        init: [`${II}${self} = nn.BatchNorm${isMap ? '2d' : '1d'}(${channels}, ${bnArgs(layer.epsilon, layer.momentum)})`],
        forward: [`${II}x = ${self}(x)`],
      };
    case 'activation':
      return { init: [], forward: [layer.fn === 'linear' ? `${II}# ${name}: linear (identity)` : `${II}x = ${activate(layer.fn, 'x')}${comment}`] };
    case 'globalAvgPool':
      return { init: [], forward: [`${II}x = x.mean(dim=(2, 3))${comment}`] };
    case 'flatten':
      return { init: [], forward: [`${II}x = torch.flatten(x.permute(0, 2, 3, 1), 1)${comment} (TF's height-width-channel order)`] };
    case 'dropout':
      return { init: [`${II}${self} = nn.Dropout(${numberLiteral(layer.rate)})`], forward: [`${II}x = ${self}(x)`] };
    case 'dense': {
      const init = [`${II}${self} = nn.Linear(${[String(channels), String(layer.units), layer.useBias ? '' : 'bias=False'].filter(Boolean).join(', ')})`];
      // On a feature map TF's Dense mixes channels at every position: apply it channels-last.
      const applied = isMap ? `${self}(x.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)` : `${self}(x)`;
      return { init, forward: [`${II}x = ${activate(layer.activation, applied)}`] };
    }
  }
}

/** PyTorch source for `arch`. Throws ArchitectureError for a spec that cannot be built. */
export function generatePytorch(arch: ArchitectureSpec, opts: GenerateOptions = {}): GeneratedCode {
  const trace = checkArchitecture(arch);
  const names = architectureLayerNames(arch);
  const helpers = new NameAllocator(opts.helperSuffix ?? '');
  const padSame = helpers.take('pad_same');
  const mbconv = helpers.take('MBConv');
  const top = new NameAllocator(opts.suffix ?? '');
  top.reserve(padSame);
  top.reserve(mbconv);
  const sections: GeneratedSection[] = [
    { kind: 'helper', name: padSame, text: padSameHelper(padSame) },
    { kind: 'helper', name: mbconv, text: mbconvHelper(mbconv, padSame) },
  ];
  const activation = ACTIVATION_MODULES[arch.family.activation];

  const blockClasses = trace.blocks.map((traced, b) => {
    const cls = top.take(`${pascalCase(names.blocks[b].prefix)}Block`);
    const prefix = names.blocks[b].prefix;
    const attrs = names.blocks[b].layers.map((n) => (n.startsWith(`${prefix}_`) ? n.slice(prefix.length + 1) : n));
    const init = traced.layers.map((layer, i) => {
      const se = arch.family.seRatio > 0 ? seChannels(layer.inChannels, arch.family.seRatio) : 0;
      return `${II}self.${attrs[i]} = ${mbconv}(${layer.inChannels}, ${layer.outChannels}, kernel=${layer.kernel}, stride=${layer.stride}, expansion=${layer.expansion}, se_channels=${se}, activation=${activation})`;
    });
    sections.push({
      kind: 'block',
      name: cls,
      text: [
        `class ${cls}(nn.Module):`,
        pyDoc([describeBlock(traced.block, pathCost(traced.block, traced.block.ops, arch.family))], I),
        '',
        `${I}def __init__(self):`,
        `${II}super().__init__()`,
        ...init,
        '',
        `${I}def forward(self, x: torch.Tensor) -> torch.Tensor:`,
        ...attrs.map((a) => `${II}x = self.${a}(x)`),
        `${II}return x`,
      ].join('\n'),
    });
    return { cls, attr: pythonAttribute(prefix) };
  });

  const entry = opts.entryName ?? top.take(pascalCase(names.model));
  const stem = trace.stem.map((t, i) => fixedLayerLines(t, names.stem[i], padSame));
  const head = trace.head.map((t, i) => fixedLayerLines(t, names.head[i], padSame));
  const [h, w, c] = arch.inputShape;
  const doc = [
    ...describeArchitecture(arch),
    `Input (N, ${c}, ${h}, ${w}) (channels first), output (N, ${arch.numClasses}). TensorFlow's "same" padding is reproduced exactly.`,
    "Weights map to DNA Search's TF.js model by name: a state_dict key with dots read as underscores is the TF.js layer name (stage.l0.expand.weight <-> stage_l0_expand/kernel, transposed to PyTorch's layout; BN running_mean/var <-> moving_mean/variance).",
  ];
  const init = [...stem.flatMap((l) => l.init), ...blockClasses.map((bc) => `${II}self.${bc.attr} = ${bc.cls}()`), ...head.flatMap((l) => l.init)];
  const forward: string[] = [];
  if (stem.length) forward.push(`${II}# Stem: the teacher's layers, unchanged.`, ...stem.flatMap((l) => l.forward));
  forward.push(`${II}# Searched blocks.`, ...blockClasses.map((bc) => `${II}x = self.${bc.attr}(x)`));
  if (head.length) forward.push(`${II}# Head: the teacher's layers, unchanged.`, ...head.flatMap((l) => l.forward));
  sections.push({
    kind: 'entry',
    name: entry,
    text: [
      `class ${entry}(nn.Module):`,
      pyDoc(doc, I),
      '',
      `${I}def __init__(self):`,
      `${II}super().__init__()`,
      ...init,
      '',
      `${I}def forward(self, x: torch.Tensor) -> torch.Tensor:`,
      ...forward,
      `${II}return x`,
    ].join('\n'),
  });

  return assemble('pytorch', 'python', ['import torch', 'import torch.nn.functional as F', 'from torch import nn'], sections);
}
