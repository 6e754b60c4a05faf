// 指标公式: what a statistical form's cell (统计表, 一表通) holds — a metric key, or arithmetic of metric keys and
// numbers (`members.gender.female / members.total * 100`). Read by a small recursive-descent parser, never eval: a
// formula comes from users. Errors are Chinese and name the character where reading stopped (1-based, as a user
// counts), so an editor can point at it.
import { METRIC_KEY_PATTERN } from './metrics.js';

/** Longest formula accepted, and deepest nesting of brackets (a bound on the parser's recursion). */
export const MAX_EXPRESSION_LENGTH = 500;
export const MAX_EXPRESSION_DEPTH = 32;

export type BinaryOperator = '+' | '-' | '*' | '/';

/** The tree of a formula; `at` is the 0-based offset of the node's first character in the text. */
export type ExpressionNode =
  | { type: 'number'; value: number; at: number }
  | { type: 'metric'; key: string; at: number }
  | { type: 'negate'; operand: ExpressionNode; at: number }
  | { type: 'binary'; op: BinaryOperator; left: ExpressionNode; right: ExpressionNode; at: number };

/** A formula that cannot be read: `position` is the 0-based offset, the message names it 1-based. */
export class ExpressionError extends Error {
  readonly position: number;
  constructor(position: number, detail: string) {
    super(`第${position + 1}个字符处${detail}`);
    this.name = 'ExpressionError';
    this.position = position;
  }
}

type Token =
  | { kind: 'number'; value: number; at: number; text: string }
  | { kind: 'key'; key: string; at: number }
  | { kind: 'op'; op: BinaryOperator; at: number; text: string }
  | { kind: 'open'; at: number }
  | { kind: 'close'; at: number }
  | { kind: 'end'; at: number };

// The operators as typed on a Chinese keyboard too: − (U+2212), × ÷, full-width brackets and signs.
const OPERATORS: Readonly<Record<string, BinaryOperator>> = {
  '+': '+',
  '＋': '+',
  '-': '-',
  '−': '-',
  '－': '-',
  '*': '*',
  '×': '*',
  '＊': '*',
  '/': '/',
  '÷': '/',
  '／': '/',
};
const OPEN = new Set(['(', '（']);
const CLOSE = new Set([')', '）']);

/** The formula's tokens, ending with an `end` token; throws ExpressionError on a character it cannot read. */
function tokenize(text: string): Token[] {
  if (text.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionError(MAX_EXPRESSION_LENGTH, `超出长度：公式不能超过${MAX_EXPRESSION_LENGTH}个字符`);
  }
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const op = OPERATORS[c];
    if (op) {
      tokens.push({ kind: 'op', op, at: i, text: c });
      i++;
    } else if (OPEN.has(c)) {
      tokens.push({ kind: 'open', at: i });
      i++;
    } else if (CLOSE.has(c)) {
      tokens.push({ kind: 'close', at: i });
      i++;
    } else if (/[0-9.]/.test(c)) {
      const m = /^[0-9.]+/.exec(text.slice(i))![0];
      if (!/^(\d+(\.\d+)?|\.\d+)$/.test(m)) throw new ExpressionError(i, `的数字“${m}”格式无效`);
      if (!Number.isFinite(Number(m))) throw new ExpressionError(i, `的数字“${m.slice(0, 12)}…”过大`);
      tokens.push({ kind: 'number', value: Number(m), at: i, text: m });
      i += m.length;
    } else if (/[A-Za-z_]/.test(c)) {
      const word = /^[A-Za-z0-9_.]+/.exec(text.slice(i))![0];
      if (/[A-Z]/.test(word)) throw new ExpressionError(i, `的指标编码“${word}”应为小写`);
      if (!METRIC_KEY_PATTERN.test(word)) {
        throw new ExpressionError(i, `的指标编码“${word}”格式无效（应为“模块.名称”，如 members.total）`);
      }
      tokens.push({ kind: 'key', key: word, at: i });
      i += word.length;
    } else {
      throw new ExpressionError(i, `的“${c}”无法识别（只能使用指标编码、数字、+ − × / 和括号）`);
    }
  }
  tokens.push({ kind: 'end', at: text.length });
  return tokens;
}

/**
 * Reads a formula into its tree. Precedence as in arithmetic: brackets, then a leading minus, then × and /, then +
 * and −, each left to right. Throws ExpressionError (Chinese, with the position) when the text is not a formula.
 */
export function parseExpression(text: string): ExpressionNode {
  const tokens = tokenize(text);
  if (tokens.length === 1) throw new ExpressionError(0, '：公式为空');
  let i = 0;
  const peek = () => tokens[i]!;

  const describe = (t: Token): string => {
    switch (t.kind) {
      case 'number':
        return `数字“${t.text}”`;
      case 'key':
        return `指标“${t.key}”`;
      case 'op':
        return `运算符“${t.text}”`;
      case 'open':
        return '左括号';
      case 'close':
        return '右括号';
      default:
        return '结尾';
    }
  };

  const primary = (depth: number): ExpressionNode => {
    const t = peek();
    if (t.kind === 'number') {
      i++;
      return { type: 'number', value: t.value, at: t.at };
    }
    if (t.kind === 'key') {
      i++;
      return { type: 'metric', key: t.key, at: t.at };
    }
    if (t.kind === 'op' && (t.op === '-' || t.op === '+')) {
      if (depth >= MAX_EXPRESSION_DEPTH) throw new ExpressionError(t.at, `：嵌套超过${MAX_EXPRESSION_DEPTH}层`);
      i++;
      const operand = primary(depth + 1);
      return t.op === '-' ? { type: 'negate', operand, at: t.at } : operand;
    }
    if (t.kind === 'open') {
      if (depth >= MAX_EXPRESSION_DEPTH) throw new ExpressionError(t.at, `：括号嵌套超过${MAX_EXPRESSION_DEPTH}层`);
      i++;
      const inner = sum(depth + 1);
      const close = peek();
      if (close.kind !== 'close') {
        if (close.kind === 'end') throw new ExpressionError(t.at, '的左括号缺少对应的右括号');
        throw new ExpressionError(close.at, `缺少运算符（${describe(close)}之前）`);
      }
      i++;
      return inner;
    }
    if (t.kind === 'end') throw new ExpressionError(t.at, '缺少数字或指标：公式不完整');
    if (t.kind === 'close') throw new ExpressionError(t.at, '的右括号之前缺少数字或指标');
    throw new ExpressionError(t.at, `的${describe(t)}之前缺少数字或指标`);
  };

  const product = (depth: number): ExpressionNode => {
    let left = primary(depth);
    for (let t = peek(); t.kind === 'op' && (t.op === '*' || t.op === '/'); t = peek()) {
      i++;
      left = { type: 'binary', op: t.op, left, right: primary(depth), at: left.at };
    }
    return left;
  };

  const sum = (depth: number): ExpressionNode => {
    let left = product(depth);
    for (let t = peek(); t.kind === 'op' && (t.op === '+' || t.op === '-'); t = peek()) {
      i++;
      left = { type: 'binary', op: t.op, left, right: product(depth), at: left.at };
    }
    return left;
  };

  const tree = sum(0);
  const rest = peek();
  if (rest.kind === 'close') throw new ExpressionError(rest.at, '的右括号多余（没有对应的左括号）');
  if (rest.kind !== 'end') throw new ExpressionError(rest.at, `缺少运算符（${describe(rest)}之前）`);
  return tree;
}

/** The metric keys a formula reads, each once, in order of first appearance. */
export function expressionKeys(node: ExpressionNode): string[] {
  const keys = new Set<string>();
  const walk = (n: ExpressionNode): void => {
    if (n.type === 'metric') keys.add(n.key);
    else if (n.type === 'negate') walk(n.operand);
    else if (n.type === 'binary') {
      walk(n.left);
      walk(n.right);
    }
  };
  walk(node);
  return [...keys];
}

/**
 * The formula's value given each metric's value. Division by zero gives 0, as a share of nothing is shown as 0 (the
 * catalogue's shares do the same); `valueOfKey` decides what an unknown key means (throw, or a number).
 */
export function evaluateExpression(node: ExpressionNode, valueOfKey: (key: string) => number): number {
  switch (node.type) {
    case 'number':
      return node.value;
    case 'metric':
      return valueOfKey(node.key);
    case 'negate':
      return -evaluateExpression(node.operand, valueOfKey);
    case 'binary': {
      const a = evaluateExpression(node.left, valueOfKey);
      const b = evaluateExpression(node.right, valueOfKey);
      if (node.op === '+') return a + b;
      if (node.op === '-') return a - b;
      if (node.op === '*') return a * b;
      return b === 0 ? 0 : a / b;
    }
  }
}

/** A number (never negative: a minus is its own node) as the tokenizer reads it: without exponent notation. */
function numberText(v: number): string {
  const s = String(v);
  const m = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const digits = m[1]! + (m[2] ?? '');
  const exp = Number(m[3]);
  if (exp < 0) return `0.${'0'.repeat(-exp - 1)}${digits}`;
  return digits.length > exp + 1 ? `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}` : digits.padEnd(exp + 1, '0');
}

const PRECEDENCE: Record<BinaryOperator, number> = { '+': 1, '-': 1, '*': 2, '/': 2 };
const SHOWN: Record<BinaryOperator, string> = { '+': '+', '-': '-', '*': '*', '/': '/' };

/** The formula written back with ASCII operators and only the brackets it needs (parses to the same tree). */
export function formatExpression(node: ExpressionNode): string {
  const write = (n: ExpressionNode, parent: number, rightOperand: boolean): string => {
    if (n.type === 'number') return numberText(n.value);
    if (n.type === 'metric') return n.key;
    if (n.type === 'negate') {
      const inner = write(n.operand, 3, false);
      return `-${inner}`;
    }
    const p = PRECEDENCE[n.op];
    const text = `${write(n.left, p, false)} ${SHOWN[n.op]} ${write(n.right, p, true)}`;
    // Left-to-right: a right operand of equal precedence keeps its brackets (a - (b - c)).
    return p < parent || (rightOperand && p === parent) ? `(${text})` : text;
  };
  return write(node, 0, false);
}

// ---- cell formats (统计表 cells)

export const CELL_FORMATS = ['integer', 'decimal', 'percent'] as const;
export type CellFormat = (typeof CELL_FORMATS)[number];
export const CELL_FORMAT_LABELS: Record<CellFormat, string> = {
  integer: '整数',
  decimal: '小数（两位）',
  percent: '百分比',
};

/**
 * A cell's format when the form does not say: a share metric alone → percent; anything counted in 元 or divided →
 * two decimals; counts → integer.
 */
export function defaultCellFormat(node: ExpressionNode, unitOf: (key: string) => string | undefined): CellFormat {
  if (node.type === 'metric' && unitOf(node.key) === '%') return 'percent';
  const divides = (n: ExpressionNode): boolean =>
    n.type === 'binary'
      ? n.op === '/' || divides(n.left) || divides(n.right)
      : n.type === 'negate' && divides(n.operand);
  if (divides(node) || expressionKeys(node).some((k) => unitOf(k) === '元')) return 'decimal';
  return 'integer';
}

/** A value as a form shows it: 1234 · 12.35 · 30.4% (a percent cell's value is a fraction). */
export function formatCellValue(value: number, format: CellFormat): string {
  if (format === 'percent') return `${(Math.round(value * 1000) / 10).toFixed(1)}%`;
  if (format === 'decimal') return (Math.round(value * 100) / 100).toFixed(2);
  return String(Math.round(value));
}
