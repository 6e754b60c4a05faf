import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultCellFormat,
  ExpressionError,
  type ExpressionNode,
  evaluateExpression,
  expressionKeys,
  formatCellValue,
  formatExpression,
  MAX_EXPRESSION_DEPTH,
  MAX_EXPRESSION_LENGTH,
  parseExpression,
} from './metric-expressions.js';

const VALUES: Record<string, number> = {
  'members.total': 200,
  'members.gender.female': 61,
  'members.age.31_35': 12,
  'dues.paid.amount': 1234.5,
  'orgs.total': 0,
};
const valueOfKey = (k: string) => {
  const v = VALUES[k];
  if (v === undefined) throw new Error(`no value for ${k}`);
  return v;
};
const evaluate = (text: string) => evaluateExpression(parseExpression(text), valueOfKey);

/** The error a text raises: its message and position. */
function failure(text: string): { message: string; position: number } {
  try {
    parseExpression(text);
  } catch (e) {
    if (e instanceof ExpressionError) return { message: e.message, position: e.position };
    throw e;
  }
  throw new Error(`“${text}” parsed`);
}

/** The tree without offsets, for comparing trees read from different texts. */
function shape(n: ExpressionNode): unknown {
  if (n.type === 'number') return n.value;
  if (n.type === 'metric') return n.key;
  if (n.type === 'negate') return ['neg', shape(n.operand)];
  return [n.op, shape(n.left), shape(n.right)];
}

describe('reading a formula', () => {
  it('reads a metric key alone, with the digits and underscores keys may hold', () => {
    expect(parseExpression('members.total')).toEqual({ type: 'metric', key: 'members.total', at: 0 });
    expect(shape(parseExpression('  members.age.31_35 '))).toBe('members.age.31_35');
  });

  it('reads numbers, integers and decimals', () => {
    expect(evaluate('42')).toBe(42);
    expect(evaluate('0.25')).toBe(0.25);
    expect(evaluate('.5')).toBe(0.5);
  });

  it('applies × and / before + and −, left to right, and brackets first', () => {
    expect(evaluate('1 + 2 * 3')).toBe(7);
    expect(evaluate('(1 + 2) * 3')).toBe(9);
    expect(evaluate('8 - 3 - 2')).toBe(3);
    expect(evaluate('8 / 4 / 2')).toBe(1);
    expect(evaluate('8 - (3 - 2)')).toBe(7);
    expect(evaluate('-2 * 3 + 10')).toBe(4);
    expect(evaluate('-(2 + 3)')).toBe(-5);
    expect(evaluate('+4')).toBe(4);
  });

  it('computes a share from two metrics, and accepts the operators of a Chinese keyboard', () => {
    expect(evaluate('members.gender.female / members.total')).toBeCloseTo(0.305);
    expect(evaluate('members.gender.female ÷ members.total × 100')).toBeCloseTo(30.5);
    expect(evaluate('（members.total − members.gender.female）／2')).toBe(69.5);
    expect(evaluate('members.total＋1－1＊2')).toBe(199);
  });

  it('gives 0 for a division by zero rather than Infinity or NaN', () => {
    expect(evaluate('members.total / orgs.total')).toBe(0);
    expect(evaluate('1 / 0')).toBe(0);
    expect(evaluate('0 / 0')).toBe(0);
    expect(evaluate('members.total / (members.total - 200) + 3')).toBe(3);
  });

  it('lists the keys a formula reads, once each, in order', () => {
    expect(expressionKeys(parseExpression('members.gender.female / members.total + members.gender.female'))).toEqual([
      'members.gender.female',
      'members.total',
    ]);
    expect(expressionKeys(parseExpression('1 + 2'))).toEqual([]);
  });

  it('passes the value of unknown keys to the caller', () => {
    expect(() => evaluate('members.nothing + 1')).toThrow(/members.nothing/);
    expect(evaluateExpression(parseExpression('members.nothing + 1'), () => 0)).toBe(1);
  });
});

describe('refusing what is not a formula, in Chinese, with the position', () => {
  it.each([
    ['', 0, /公式为空/],
    ['   ', 0, /公式为空/],
    ['members.total +', 15, /第16个字符处缺少数字或指标/],
    ['(members.total', 0, /第1个字符处的左括号缺少对应的右括号/],
    ['members.total)', 13, /第14个字符处的右括号多余/],
    ['members.total members.total', 14, /第15个字符处缺少运算符/],
    ['2 (3)', 2, /缺少运算符/],
    ['members.total * / 2', 16, /第17个字符处的运算符“\/”之前缺少数字或指标/],
    ['members', 0, /指标编码“members”格式无效/],
    ['Members.Total', 0, /应为小写/],
    ['members.total # 2', 14, /第15个字符处的“#”无法识别/],
    ['1.2.3', 0, /数字“1.2.3”格式无效/],
    ['()', 1, /右括号之前缺少数字或指标/],
    ['members..total', 0, /格式无效/],
    ['members.total.', 0, /格式无效/],
    ['党员总数', 0, /“党”无法识别/],
  ])('%j', (text, position, message) => {
    const f = failure(text);
    expect(f.position).toBe(position);
    expect(f.message).toMatch(message);
    expect(f.message).toMatch(/^第\d+个字符处/);
  });

  it('refuses over-long formulas and bracket nesting deeper than the limit', () => {
    expect(failure('1+'.repeat(MAX_EXPRESSION_LENGTH)).message).toMatch(/不能超过500个字符/);
    const deep = `${'('.repeat(MAX_EXPRESSION_DEPTH + 1)}1${')'.repeat(MAX_EXPRESSION_DEPTH + 1)}`;
    expect(failure(deep).message).toMatch(/嵌套超过/);
    const ok = `${'('.repeat(MAX_EXPRESSION_DEPTH)}1${')'.repeat(MAX_EXPRESSION_DEPTH)}`;
    expect(evaluate(ok)).toBe(1);
    expect(failure('-'.repeat(MAX_EXPRESSION_DEPTH + 1).concat('1')).message).toMatch(/嵌套超过/);
    expect(failure('9'.repeat(400)).message).toMatch(/过大/);
  });
});

// ---- properties over random formulas

const KEYS = Object.keys(VALUES);
const numberArb = fc.oneof(
  fc.integer({ min: 0, max: 100_000 }),
  fc.integer({ min: 0, max: 10_000 }).map((n) => n / 100),
  fc.constantFrom(0.0000001, 1e21, 123456789012345680000),
);
const nodeArb: fc.Arbitrary<ExpressionNode> = fc.letrec<{ node: ExpressionNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    numberArb.map((value) => ({ type: 'number' as const, value, at: 0 })),
    fc.constantFrom(...KEYS).map((key) => ({ type: 'metric' as const, key, at: 0 })),
    tie('node').map((operand) => ({ type: 'negate' as const, operand, at: 0 })),
    fc
      .tuple(fc.constantFrom('+', '-', '*', '/') as fc.Arbitrary<'+' | '-' | '*' | '/'>, tie('node'), tie('node'))
      .map(([op, left, right]) => ({ type: 'binary' as const, op, left, right, at: 0 })),
  ),
})).node;

/** The reference evaluation of a tree, written independently of the module's. */
function reference(n: ExpressionNode): number {
  if (n.type === 'number') return n.value;
  if (n.type === 'metric') return VALUES[n.key]!;
  if (n.type === 'negate') return -reference(n.operand);
  const a = reference(n.left);
  const b = reference(n.right);
  return { '+': a + b, '-': a - b, '*': a * b, '/': b === 0 ? 0 : a / b }[n.op];
}

function depthOf(n: ExpressionNode): number {
  if (n.type === 'negate') return 1 + depthOf(n.operand);
  if (n.type === 'binary') return 1 + Math.max(depthOf(n.left), depthOf(n.right));
  return 0;
}

describe('properties', () => {
  const small = nodeArb.filter((n) => depthOf(n) < MAX_EXPRESSION_DEPTH / 2 && formatExpression(n).length < 400);

  it('a formula written back reads as the same tree, and evaluates as the reference does', () => {
    fc.assert(
      fc.property(small, (node) => {
        const text = formatExpression(node);
        const read = parseExpression(text);
        expect(shape(read)).toEqual(shape(node));
        expect(Object.is(evaluateExpression(read, valueOfKey), reference(node))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('lists exactly the keys that occur in the formula', () => {
    fc.assert(
      fc.property(small, (node) => {
        const keys = expressionKeys(parseExpression(formatExpression(node)));
        expect(new Set(keys).size).toBe(keys.length);
        expect(new Set(keys)).toEqual(new Set(KEYS.filter((k) => formatExpression(node).includes(k))));
      }),
    );
  });

  it('anything divided by something that comes to zero is 0', () => {
    fc.assert(
      fc.property(small, small, (node, other) => {
        const zero: ExpressionNode = { type: 'binary', op: '-', left: other, right: other, at: 0 };
        fc.pre(reference(zero) === 0);
        const text = `(${formatExpression(node)}) / (${formatExpression(zero)})`;
        fc.pre(text.length <= MAX_EXPRESSION_LENGTH);
        expect(evaluate(text)).toBe(0);
      }),
    );
  });

  it('any text either reads or fails with an ExpressionError whose position is inside the text', () => {
    const alphabet = fc.constantFrom(...'members.total 0123456789+-*/×÷()（）._ aZ#党'.split(''));
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 40 }).map((cs) => cs.join('')),
        (text) => {
          try {
            parseExpression(text);
          } catch (e) {
            expect(e).toBeInstanceOf(ExpressionError);
            const err = e as ExpressionError;
            expect(err.position).toBeGreaterThanOrEqual(0);
            expect(err.position).toBeLessThanOrEqual(text.length);
            expect(err.message).toBe(err.message.replace(/^第(\d+)个字符处/, `第${err.position + 1}个字符处`));
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('cell formats', () => {
  const unitOf = (k: string) =>
    ({ 'members.female.share': '%', 'dues.paid.amount': '元', 'members.total': '名' })[k] ?? undefined;

  it('defaults to percent for a share alone, decimals for money or a division, integers for counts', () => {
    expect(defaultCellFormat(parseExpression('members.female.share'), unitOf)).toBe('percent');
    expect(defaultCellFormat(parseExpression('dues.paid.amount'), unitOf)).toBe('decimal');
    expect(defaultCellFormat(parseExpression('members.total / 3'), unitOf)).toBe('decimal');
    expect(defaultCellFormat(parseExpression('-(members.total / 3)'), unitOf)).toBe('decimal');
    expect(defaultCellFormat(parseExpression('members.total + 1'), unitOf)).toBe('integer');
    expect(defaultCellFormat(parseExpression('members.female.share * 2'), unitOf)).toBe('integer');
  });

  it('shows values as a form does', () => {
    expect(formatCellValue(1234.4, 'integer')).toBe('1234');
    expect(formatCellValue(2 / 3, 'decimal')).toBe('0.67');
    expect(formatCellValue(0.3044, 'percent')).toBe('30.4%');
    expect(formatCellValue(0, 'percent')).toBe('0.0%');
    expect(formatCellValue(1, 'percent')).toBe('100.0%');
  });
});
