/**
 * The GraphDef JSON a TF.js graph model's model.json holds (`modelTopology.node`), as
 * tensorflowjs_converter writes it: protobuf JSON, so strings are base64, 64-bit integers are
 * decimal strings, lists sit under `list`. These readers turn one node's attributes into plain
 * values; nothing else in the engine parses the protobuf encoding.
 */

export interface GraphDefDim {
  size?: string | number;
}

export interface GraphDefAttr {
  s?: string;
  i?: string | number;
  f?: number;
  b?: boolean;
  type?: string;
  shape?: { dim?: GraphDefDim[]; unknownRank?: boolean };
  list?: { s?: string[]; i?: (string | number)[]; f?: number[]; b?: boolean[] };
  tensor?: { dtype?: string; tensorShape?: { dim?: GraphDefDim[] } };
}

export interface GraphDefNode {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, GraphDefAttr>;
  device?: string;
}

export interface GraphDefTensorInfo {
  name: string;
  dtype?: string;
  tensorShape?: { dim?: GraphDefDim[] };
}

export interface GraphDefJson {
  node: GraphDefNode[];
  versions?: { producer?: number; minConsumer?: number };
  library?: unknown;
}

/** The node an input refers to: "name", "name:1" (second output) or "^name" (control edge). */
export function inputNode(input: string): string {
  const name = input.startsWith('^') ? input.slice(1) : input;
  const colon = name.lastIndexOf(':');
  return colon > 0 && /^\d+$/.test(name.slice(colon + 1)) ? name.slice(0, colon) : name;
}

export const isControlInput = (input: string) => input.startsWith('^');

const decode = (s: string) => Buffer.from(s, 'base64').toString('utf8');

export function attrString(node: GraphDefNode, name: string): string | undefined {
  const s = node.attr?.[name]?.s;
  return s === undefined ? undefined : decode(s);
}

export function attrStrings(node: GraphDefNode, name: string): string[] {
  return (node.attr?.[name]?.list?.s ?? []).map(decode);
}

export function attrInts(node: GraphDefNode, name: string): number[] | undefined {
  const list = node.attr?.[name]?.list;
  if (!list) return undefined;
  return (list.i ?? []).map(Number);
}

export function attrNumber(node: GraphDefNode, name: string): number | undefined {
  const a = node.attr?.[name];
  if (a?.i !== undefined) return Number(a.i);
  if (a?.f !== undefined) return Number(a.f);
  return undefined;
}

export function attrBool(node: GraphDefNode, name: string): boolean | undefined {
  return node.attr?.[name]?.b;
}

/** A shape attribute's dimensions (-1 for unknown); undefined when absent or of unknown rank. */
export function attrShape(node: GraphDefNode, name: string): number[] | undefined {
  const shape = node.attr?.[name]?.shape;
  if (!shape || shape.unknownRank) return undefined;
  return dims(shape.dim);
}

/** Protobuf JSON leaves out zero values, so a dimension without a size is 0. */
export function dims(dim: GraphDefDim[] | undefined): number[] {
  return (dim ?? []).map((d) => (d.size === undefined ? 0 : Number(d.size)));
}
