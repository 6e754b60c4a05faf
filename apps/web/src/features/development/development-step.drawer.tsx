// 办理下一步: the form is the next step's own (date, the meeting or approval, and the details its step needs). A
// refusal shows the rule's message and the earliest date it becomes possible, which the user may take over.

import { PROBATION_OUTCOME_LABELS, PROBATION_OUTCOMES, type ProbationOutcome, todayIso } from '@grassroots/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Radio, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { AttachmentUpload } from '../../ui/attachment-upload';
import { FormDrawer, useSaveErrors } from '../../ui/form-drawer';
import { fromIsoDate, toIsoDate } from '../../ui/format';
import { warningKeys } from '../warnings/warnings.api';
import { type DevelopmentDetail, developmentKeys, recordDevelopmentStep } from './development.api';
import { type Refusal, refusalOf } from './development-refusal';
import { MemberPicker } from './member-picker.component';

interface Values {
  date: Dayjs;
  decisionRef?: string;
  note?: string;
  contactPersonIds?: number[];
  sponsorIds?: number[];
  politicalReviewPassed?: boolean;
  trainingDays?: number | null;
  trainingHours?: number | null;
  outcome?: ProbationOutcome;
  extensionMonths?: number | null;
}

const FIELDS = [
  'date',
  'decisionRef',
  'note',
  'contactPersonIds',
  'sponsorIds',
  'politicalReviewPassed',
  'trainingDays',
  'trainingHours',
  'outcome',
  'extensionMonths',
] as const;

const STALE_FIELDS = [
  { name: 'stageLabel', label: '当前阶段' },
  { name: 'nextStepLabel', label: '下一步' },
];

const disabledFuture = (d: Dayjs) => d.format('YYYY-MM-DD') > todayIso();

export function DevelopmentStepDrawer({ record, onClose }: { record: DevelopmentDetail; onClose: () => void }) {
  const next = record.status.next!;
  const step = next.step;
  const has = (f: (typeof step.fields)[number]) => step.fields.includes(f);
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [version, setVersion] = useState(record.version);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [files, setFiles] = useState<Array<{ id: number; fileName: string }>>([]);
  const [uploading, setUploading] = useState(false);
  const errors = useSaveErrors<DevelopmentDetail>(form, FIELDS);
  const mutation = useMutation({
    mutationFn: (v: Values) =>
      recordDevelopmentStep(record.id, {
        step: step.code,
        date: toIsoDate(v.date)!,
        decisionRef: v.decisionRef?.trim() || null,
        note: v.note?.trim() || null,
        ...(has('contactPersons') ? { contactPersonIds: v.contactPersonIds ?? [] } : {}),
        ...(has('sponsors') ? { sponsorIds: v.sponsorIds ?? [] } : {}),
        ...(has('politicalReviewPassed') && v.politicalReviewPassed !== undefined
          ? { politicalReviewPassed: v.politicalReviewPassed }
          : {}),
        ...(has('trainingDays') && v.trainingDays != null ? { trainingDays: v.trainingDays } : {}),
        ...(has('trainingHours') && v.trainingHours != null ? { trainingHours: v.trainingHours } : {}),
        ...(has('outcome') && v.outcome ? { outcome: v.outcome } : {}),
        ...(v.outcome === 'extended' && v.extensionMonths != null ? { extensionMonths: v.extensionMonths } : {}),
        ...(files.length > 0 ? { attachmentIds: files.map((f) => f.id) } : {}),
        version,
      }),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: developmentKeys.all });
      void queryClient.invalidateQueries({ queryKey: warningKeys.all });
      message.success(`已办理：第${step.number}步「${step.label}」`);
      for (const w of saved.warnings) message.warning(w.message, 8);
      onClose();
    },
    onError: (e, v) => {
      const r = refusalOf(e);
      if (r) setRefusal(r);
      else errors.fail(e, { ...v });
    },
  });
  return (
    <FormDrawer<DevelopmentDetail>
      title={`办理第${step.number}步：${step.label}`}
      onClose={onClose}
      width={600}
      form={form}
      saving={mutation.isPending || uploading}
      submitTestId="development-step-submit"
      errors={errors}
      staleFields={STALE_FIELDS}
      onReload={(current) => {
        setVersion(current.version);
        void queryClient.invalidateQueries({ queryKey: developmentKeys.detail(record.id) });
      }}
    >
      {refusal ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          message={refusal.message}
          data-testid="development-refusal"
          description={
            refusal.earliestDate ? (
              <Space wrap>
                <span>最早可办理日期：{refusal.earliestDate}</span>
                {refusal.earliestDate <= todayIso() ? (
                  <Button
                    size="small"
                    onClick={() => {
                      form.setFieldsValue({ date: fromIsoDate(refusal.earliestDate)! });
                      setRefusal(null);
                    }}
                  >
                    改为该日期
                  </Button>
                ) : null}
              </Space>
            ) : undefined
          }
        />
      ) : null}
      <Space direction="vertical" size={4} style={{ marginBottom: 16 }}>
        {step.decidedByLabel ? <Typography.Text>决定机构：{step.decidedByLabel}</Typography.Text> : null}
        {step.timeRule ? <Typography.Text type="secondary">时间要求：{step.timeRule}</Typography.Text> : null}
        <Typography.Text type="secondary">
          {next.earliestDate ? `最早可办：${next.earliestDate}` : null}
          {next.dueDate ? `　期限：${next.dueDate}` : null}
        </Typography.Text>
        <div>
          材料：
          {step.checklist.map((c) => (
            <Tag key={c}>{c}</Tag>
          ))}
        </div>
      </Space>
      <Form<Values>
        form={form}
        layout="vertical"
        disabled={mutation.isPending}
        initialValues={{ date: fromIsoDate(todayIso())! }}
        onFinish={(v) => {
          errors.clear();
          setRefusal(null);
          mutation.mutate(v);
        }}
      >
        <Form.Item name="date" label="日期" rules={[{ required: true, message: '请填写日期' }]}>
          <DatePicker disabledDate={disabledFuture} data-testid="development-step-date" />
        </Form.Item>
        {step.decidedBy ? (
          <Form.Item name="decisionRef" label={`${step.decidedByLabel}会议或批复文号`}>
            <Input maxLength={200} placeholder="如：支部党员大会、组字〔2026〕12号" />
          </Form.Item>
        ) : null}
        {has('contactPersons') ? (
          <Form.Item
            name="contactPersonIds"
            label="培养联系人（1至2名正式党员）"
            rules={[{ required: true, message: '请选择培养联系人' }]}
          >
            <MemberPicker orgId={record.orgId} max={2} />
          </Form.Item>
        ) : null}
        {has('sponsors') ? (
          <Form.Item
            name="sponsorIds"
            label="入党介绍人（2名正式党员）"
            rules={[{ required: true, message: '请选择入党介绍人' }]}
          >
            <MemberPicker orgId={record.orgId} max={2} />
          </Form.Item>
        ) : null}
        {has('politicalReviewPassed') ? (
          <Form.Item
            name="politicalReviewPassed"
            label="政治审查结论"
            rules={[{ required: true, message: '请选择政治审查结论' }]}
          >
            <Radio.Group
              options={[
                { value: true, label: '合格' },
                { value: false, label: '不合格' },
              ]}
            />
          </Form.Item>
        ) : null}
        {has('trainingDays') ? (
          <Space size={16} wrap>
            <Form.Item name="trainingDays" label="集中培训天数">
              <InputNumber min={0} max={366} precision={0} />
            </Form.Item>
            <Form.Item name="trainingHours" label="培训学时" extra="不少于3天或不少于24学时">
              <InputNumber min={0} max={2000} precision={0} />
            </Form.Item>
          </Space>
        ) : null}
        {has('outcome') ? (
          <>
            <Form.Item name="outcome" label="支部大会讨论结果" rules={[{ required: true, message: '请选择讨论结果' }]}>
              <Radio.Group
                data-testid="development-step-outcome"
                options={PROBATION_OUTCOMES.map((o) => ({ value: o, label: PROBATION_OUTCOME_LABELS[o] }))}
              />
            </Form.Item>
            <Form.Item noStyle dependencies={['outcome']}>
              {({ getFieldValue }) =>
                getFieldValue('outcome') === 'extended' ? (
                  <Form.Item
                    name="extensionMonths"
                    label="延长月数"
                    extra="延长预备期不能少于半年，最长不超过一年"
                    rules={[{ required: true, message: '请填写延长月数' }]}
                  >
                    <InputNumber min={1} max={24} precision={0} addonAfter="个月" />
                  </Form.Item>
                ) : null
              }
            </Form.Item>
          </>
        ) : null}
        <Form.Item name="note" label="记录" extra="谈话、思想汇报、考察意见、表决结果等">
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <AttachmentUpload
          entity="development"
          orgId={record.orgId}
          files={files}
          setFiles={setFiles}
          setUploading={setUploading}
          extra="会议记录、志愿书、证明材料的扫描件等，图片、PDF、Word、Excel，每个不超过 10 MB"
        />
      </Form>
    </FormDrawer>
  );
}
