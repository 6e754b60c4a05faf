// 党费 metrics: 应缴 and 实缴 over the months of the period, the collection rate, and members in arrears. The SQL is
// the dues figures' and arrears list's own (dues.repo.ts), so a metric and the 党费 pages count alike.
import { DUES_ARREARS_FLAG_MONTHS, DUES_PAYER_LABELS, monthsBetween, shiftMonth } from '@grassroots/domain';
import { sql } from 'kysely';
import {
  defineRecordMetric,
  defineShareMetric,
  type MetricDefinition,
  type MetricQuery,
} from '../../platform/metrics.js';
import { whereInScope } from '../../platform/scope.js';
import { dueByMember, flaggedArrearsRows, paymentsForMonths } from './dues.repo.js';

const GROUP = '党费';
const META = { group: GROUP, module: 'dues', permission: 'dues:read' } as const;

/** Dues are monthly: the period covers the months from its first day's month to its last day's. */
const monthsOf = (q: MetricQuery) => monthsBetween(q.from.slice(0, 7), q.to.slice(0, 7));
const membersInScope = (q: MetricQuery) => whereInScope(q.scope, 'm.orgPath');
/** Fen to 元 as a float on both databases (PostgreSQL would answer numeric, which arrives as text). */
const yuanOf = (column: string) => sql`cast(${sql.ref(column)} as double precision) / 100`;

const due = defineRecordMetric({
  ...META,
  key: 'dues.due.amount',
  label: '应缴党费',
  unit: '元',
  period: 'range',
  description: '起止日期所含各月，党员按当月适用的党费基数应交纳的党费合计（自首个党费基数的月份起计，转出后不再计）',
  phrases: ['应缴党费', '应交党费'],
  query: (_db, q) => sql`select m.id, m.name, o.name as org_name, d.org_path, cast(d.n as integer) as due_months,
      ${yuanOf('d.fen')} as due_amount
    from (${dueByMember(monthsOf(q), membersInScope(q))}) d
    join members m on m.id = d.id
    join orgs o on o.id = m.org_id`,
  columns: [
    { key: 'name', label: '姓名' },
    { key: 'orgName', label: '所在党组织' },
    { key: 'dueMonths', label: '应缴月数' },
    { key: 'dueAmount', label: '应缴金额（元）' },
  ],
  sumColumn: 'dueAmount',
  orderBy: 'org_path, name, id',
});

const paid = defineRecordMetric({
  ...META,
  key: 'dues.paid.amount',
  label: '实缴党费',
  unit: '元',
  period: 'range',
  description: '党员为起止日期所含各月交纳的党费合计（按所交月份计，不按交纳日期；含自愿多交部分）',
  phrases: ['实缴党费', '收缴党费', '交纳党费'],
  query: (_db, q) => sql`select p.id, p.member_name as name, o.name as org_name, p.org_path, p.month,
      ${yuanOf('p.amount_fen')} as amount, p.paid_on, p.payer, p.receipt_no
    from (${paymentsForMonths(monthsOf(q), membersInScope(q))}) p
    join orgs o on o.id = p.org_id`,
  columns: [
    { key: 'name', label: '姓名' },
    { key: 'orgName', label: '所在党组织' },
    { key: 'month', label: '所交月份' },
    { key: 'amount', label: '金额（元）' },
    { key: 'paidOn', label: '交纳日期' },
    { key: 'payer', label: '交纳方式', labels: DUES_PAYER_LABELS },
    { key: 'receiptNo', label: '收据号' },
  ],
  sumColumn: 'amount',
  orderBy: 'org_path, name, month, id',
});

export const DUES_METRICS: readonly MetricDefinition[] = [
  due,
  paid,
  defineShareMetric({
    key: 'dues.paid.share',
    label: '党费收缴率',
    description: '实缴党费 ÷ 应缴党费（同一期间、同一范围；党员自愿多交时可超过100%）',
    numerator: paid,
    denominator: due,
    phrases: ['党费收缴率', '党费交纳率'],
  }),
  defineRecordMetric({
    ...META,
    key: 'dues.arrears.members',
    label: `连续${DUES_ARREARS_FLAG_MONTHS}个月以上未交党费党员`,
    unit: '名',
    period: 'instant',
    description: `截止日期仍在册的党员中，截至截止日期的上一个月曾连续${DUES_ARREARS_FLAG_MONTHS}个月及以上未交纳党费、且仍有欠缴的人数（自首个党费基数的月份起计，只算截止日期前已交纳的；与欠缴名单“需关注”口径相同）`,
    phrases: ['欠缴党费', '不交党费', `连续${DUES_ARREARS_FLAG_MONTHS}个月不交纳党费`],
    // A month's dues fall due at its end: the months counted are those ended before the period's last month.
    query: (_db, q) => flaggedArrearsRows(membersInScope(q), shiftMonth(q.to.slice(0, 7), -1), q.to),
    columns: [
      { key: 'name', label: '姓名' },
      { key: 'orgName', label: '所在党组织' },
      { key: 'fromMonth', label: '起缴月份' },
      { key: 'owed', label: '应缴月数' },
      { key: 'unpaid', label: '欠缴月数' },
      { key: 'longest', label: '最长连续欠缴月数' },
      { key: 'currentRun', label: '目前连续欠缴月数' },
      { key: 'firstUnpaid', label: '首个欠缴月份' },
    ],
    orderBy: 'org_path, name, id',
  }),
];
