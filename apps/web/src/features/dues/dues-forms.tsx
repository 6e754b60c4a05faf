// The two forms of a member's dues: the base (category, income, from which month; the monthly amount computed by the
// server's 2008 rule as one types) and a payment of one or more months (补交/预交) with the amount of each month.
import { DUES_CATEGORIES, DUES_CATEGORY_LABELS, type DuesCategory, type DuesPayer } from '@grassroots/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { FormDrawer, useSaveErrors } from '../../ui/form-drawer';
import { toIsoDate } from '../../ui/format';
import { useDebouncedValue } from '../../ui/use-debounced-value';
import { createBase, type DuesBase, duesKeys, fetchRate, type MemberDues, recordPayment, updateBase } from './dues.api';

const needsBase = (c: DuesCategory | undefined) => c === 'employed' || c === 'retired';

interface BaseValues {
  category: DuesCategory;
  base: number | null;
  fromMonth: Dayjs;
  note: string | null;
}
const BASE_FIELDS = ['category', 'base', 'fromMonth', 'note'] as const;
const BASE_STALE = [
  { name: 'category', label: '类别', format: (v: unknown) => DUES_CATEGORY_LABELS[v as DuesCategory] ?? '—' },
  { name: 'base', label: '计算基数（元）' },
  { name: 'fromMonth', label: '起始月份' },
];

function RateHint({ category, base }: { category: DuesCategory | undefined; base: number | null | undefined }) {
  const debounced = useDebouncedValue(base ?? null, 300);
  const ready = category !== undefined && (!needsBase(category) || debounced !== null);
  const rate = useQuery({
    queryKey: duesKeys.rate(category ?? 'employed', debounced),
    queryFn: ({ signal }) => fetchRate(category!, needsBase(category) ? debounced : null, signal),
    enabled: ready,
  });
  if (!ready || !rate.data) return null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      message={
        <span>
          每月交纳 <strong>{rate.data.monthly.toFixed(2)}</strong> 元
          {rate.data.rate !== null ? `（按 ${(rate.data.rate * 100).toFixed(1)}% 计算）` : '（固定金额）'}
        </span>
      }
    />
  );
}

export function DuesBaseDrawer({
  memberId,
  base,
  inForce,
  onClose,
}: {
  memberId: number;
  /** null: a new base (a change from a month on). */
  base: DuesBase | null;
  /** The base in force now: a new one starts from its category and amount. */
  inForce: DuesBase | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<BaseValues>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState<DuesBase | null>(base);
  const errors = useSaveErrors<DuesBase>(form, BASE_FIELDS);
  const category = Form.useWatch('category', form);
  const amount = Form.useWatch('base', form);
  const mutation = useMutation({
    mutationFn: (v: BaseValues) => {
      const input = {
        category: v.category,
        base: needsBase(v.category) ? v.base : null,
        fromMonth: v.fromMonth.format('YYYY-MM'),
        note: v.note?.trim() || null,
      };
      return current ? updateBase(current.id, { ...input, version: current.version }) : createBase(memberId, input);
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: duesKeys.all });
      message.success(base ? '已更正党费基数' : '已登记党费基数');
      onClose();
    },
    onError: (e, v) => errors.fail(e, { ...v, fromMonth: v.fromMonth.format('YYYY-MM') }),
  });
  return (
    <FormDrawer<DuesBase>
      title={base ? '更正党费基数' : '登记/调整党费基数'}
      onClose={onClose}
      width={480}
      form={form}
      saving={mutation.isPending}
      submitTestId="dues-base-submit"
      errors={errors}
      staleFields={BASE_STALE}
      onReload={(c) => {
        setCurrent(c);
        form.setFieldsValue({
          category: c.category,
          base: c.base,
          fromMonth: dayjs(`${c.fromMonth}-01`),
          note: c.note,
        });
      }}
    >
      <Form<BaseValues>
        form={form}
        layout="vertical"
        disabled={mutation.isPending}
        initialValues={
          base
            ? { category: base.category, base: base.base, fromMonth: dayjs(`${base.fromMonth}-01`), note: base.note }
            : {
                category: inForce?.category ?? 'employed',
                base: inForce?.base ?? null,
                fromMonth: dayjs().startOf('month'),
                note: null,
              }
        }
        onFinish={(v) => {
          errors.clear();
          mutation.mutate(v);
        }}
      >
        <Form.Item name="category" label="交纳类别" rules={[{ required: true, message: '请选择交纳类别' }]}>
          <Select options={DUES_CATEGORIES.map((c) => ({ value: c, label: DUES_CATEGORY_LABELS[c] }))} />
        </Form.Item>
        {needsBase(category) ? (
          <Form.Item
            name="base"
            label={category === 'retired' ? '税后月离退休费（元）' : '税后月工资收入（元）'}
            rules={[{ required: true, message: '请填写计算基数' }]}
          >
            <InputNumber min={0} precision={2} style={{ width: '100%' }} />
          </Form.Item>
        ) : null}
        <RateHint category={category} base={amount} />
        <Form.Item
          name="fromMonth"
          label="起始月份"
          extra="自该月起按此基数计算，之前月份的应交金额不变。"
          rules={[{ required: true, message: '请选择起始月份' }]}
        >
          <DatePicker picker="month" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input maxLength={200} placeholder="如：2026年调资" />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}

interface PaymentValues {
  months: Array<{ month: string; amount: number }>;
  paidOn: Dayjs;
  payer: DuesPayer;
  payerName: string | null;
  receiptNo: string | null;
  note: string | null;
}
const PAYMENT_FIELDS = ['months', 'paidOn', 'payer', 'payerName', 'receiptNo', 'note'] as const;

export function DuesPaymentDrawer({ dues, onClose }: { dues: MemberDues; onClose: () => void }) {
  const [form] = Form.useForm<PaymentValues>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errors = useSaveErrors(form, PAYMENT_FIELDS);
  const payer = Form.useWatch('payer', form);
  const unpaid = dues.schedule.filter((s) => s.paid === null).sort((a, b) => (a.month < b.month ? -1 : 1));
  const dueOf = new Map(unpaid.map((s) => [s.month, s.due]));
  // Owed months first picked by default (补交), oldest first.
  const [picked, setPicked] = useState<string[]>(
    unpaid
      .filter((s) => s.owed)
      .map((s) => s.month)
      .slice(0, 12),
  );
  const mutation = useMutation({
    mutationFn: (v: PaymentValues) =>
      recordPayment({
        memberId: dues.member.id,
        months: v.months,
        paidOn: toIsoDate(v.paidOn)!,
        payer: v.payer,
        payerName: v.payer === 'proxy' ? v.payerName?.trim() || null : null,
        receiptNo: v.receiptNo?.trim() || null,
        note: v.note?.trim() || null,
      }),
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: duesKeys.all });
      message.success(`已登记 ${r.items.length} 个月的党费`);
      onClose();
    },
    onError: (e, v) => errors.fail(e, { ...v }),
  });
  const pick = (months: string[]) => {
    const sorted = [...months].sort();
    setPicked(sorted);
    const prev = new Map(
      (form.getFieldValue('months') as PaymentValues['months'] | undefined)?.map((m) => [m.month, m.amount]),
    );
    form.setFieldValue(
      'months',
      sorted.map((month) => ({ month, amount: prev.get(month) ?? dueOf.get(month) ?? null })),
    );
  };
  const total = (Form.useWatch('months', form) ?? []).reduce((s, m) => s + (Number(m?.amount) || 0), 0);
  return (
    <FormDrawer
      title={`登记党费交纳：${dues.member.name}`}
      onClose={onClose}
      width={520}
      form={form}
      saving={mutation.isPending}
      submitTestId="dues-payment-submit"
      errors={errors}
      staleFields={[]}
      onReload={() => {}}
    >
      <Form<PaymentValues>
        form={form}
        layout="vertical"
        disabled={mutation.isPending}
        initialValues={{
          months: picked.map((month) => ({ month, amount: dueOf.get(month) ?? null })),
          paidOn: dayjs(),
          payer: 'self',
          payerName: null,
          receiptNo: null,
          note: null,
        }}
        onFinish={(v) => {
          errors.clear();
          mutation.mutate(v);
        }}
      >
        <Form.Item label="交纳月份" required extra="可一次选多个月：补交欠缴月份或预交以后月份（最多预交12个月）。">
          <Select
            mode="multiple"
            value={picked}
            onChange={pick}
            options={unpaid.map((s) => ({
              value: s.month,
              label: `${s.month}${s.owed ? '（欠缴）' : ''}`,
            }))}
            placeholder="选择月份"
          />
        </Form.Item>
        <Form.List
          name="months"
          rules={[
            { validator: async (_r, v) => (v?.length ? undefined : Promise.reject(new Error('请选择交纳月份'))) },
          ]}
        >
          {(fields, _ops, { errors: listErrors }) => (
            <>
              {fields.map((f) => {
                const month = form.getFieldValue(['months', f.name, 'month']) as string;
                const due = dueOf.get(month);
                return (
                  <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                    <Typography.Text style={{ width: 72, display: 'inline-block' }}>{month}</Typography.Text>
                    <Form.Item
                      name={[f.name, 'amount']}
                      rules={[{ required: true, message: '请填写金额' }]}
                      style={{ marginBottom: 8 }}
                    >
                      <InputNumber min={0.01} precision={2} suffix="元" style={{ width: 160 }} />
                    </Form.Item>
                    <Typography.Text type="secondary">
                      {due === null || due === undefined ? '未登记基数' : `应交 ${due.toFixed(2)} 元`}
                    </Typography.Text>
                  </Space>
                );
              })}
              <Form.ErrorList errors={listErrors} />
              {fields.length > 0 ? (
                <Typography.Paragraph>
                  合计 <strong>{total.toFixed(2)}</strong> 元。少于应交金额须在备注中说明原因；自愿多交不限。
                </Typography.Paragraph>
              ) : null}
            </>
          )}
        </Form.List>
        <Form.Item name="paidOn" label="交纳日期" rules={[{ required: true, message: '请选择交纳日期' }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="payer" label="交纳方式">
          <Radio.Group
            options={[
              { value: 'self', label: '本人交纳' },
              { value: 'proxy', label: '他人代交' },
            ]}
          />
        </Form.Item>
        {payer === 'proxy' ? (
          <Form.Item name="payerName" label="代交人" rules={[{ required: true, message: '他人代交时请填写代交人' }]}>
            <Input maxLength={50} />
          </Form.Item>
        ) : null}
        <Form.Item name="receiptNo" label="收据号" extra="同一组织内一个收据号只属于一名党员，可含多个月。">
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
