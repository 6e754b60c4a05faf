// The inspection team's two forms: a new round (over the chosen org's subtree) and a problem found in a round, with
// the inspectors' evidence files. Both are create-only; a problem then moves only through its rectification actions.
import {
  INSPECTION_KIND_LABELS,
  INSPECTION_KINDS,
  type InspectionKind,
  PROBLEM_CATEGORIES,
  PROBLEM_CATEGORY_LABELS,
  PROBLEM_SEVERITIES,
  PROBLEM_SEVERITY_LABELS,
  type ProblemCategory,
  type ProblemSeverity,
} from '@grassroots/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Radio, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { apiFetch } from '../../app/api-client';
import { AttachmentUpload, type UploadedFile } from '../../ui/attachment-upload';
import { FormDrawer, useSaveErrors } from '../../ui/form-drawer';
import { toIsoDate } from '../../ui/format';
import { OrgTreeSelect } from '../orgs/org-tree-select.component';
import { type InspectionRound, inspectionKeys, type ProblemDetail } from './inspections.api';

interface RoundValues {
  orgId: number;
  title: string;
  team: string;
  kind: InspectionKind;
  checklist: string;
  startsOn: Dayjs | null;
  endsOn: Dayjs | null;
}
const ROUND_FIELDS = ['orgId', 'title', 'team', 'kind', 'checklist', 'startsOn', 'endsOn'];

export function RoundFormDrawer({ orgId, onClose }: { orgId: number | undefined; onClose: () => void }) {
  const [form] = Form.useForm<RoundValues>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errors = useSaveErrors(form, ROUND_FIELDS);
  const mutation = useMutation({
    mutationFn: (v: RoundValues) =>
      apiFetch<InspectionRound>('/api/inspections/rounds', {
        method: 'POST',
        body: {
          ...v,
          checklist: v.checklist
            .split('\n')
            .map((s) => s.trim())
            .filter(Boolean),
          startsOn: toIsoDate(v.startsOn) ?? '',
          endsOn: toIsoDate(v.endsOn) ?? '',
        },
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: inspectionKeys.all });
      message.success('已新建检查轮次');
      onClose();
    },
    onError: (e, v) => errors.fail(e, { ...v }),
  });
  return (
    <FormDrawer<unknown, RoundValues>
      title="新建检查轮次"
      width={560}
      form={form}
      saving={mutation.isPending}
      submitTestId="round-submit"
      errors={errors}
      staleFields={[]}
      onReload={() => undefined}
      onClose={onClose}
      initialValues={{ orgId, kind: 'open', checklist: '' }}
      onFinish={(v) => mutation.mutate(v)}
    >
      <Form.Item name="orgId" label="检查范围（该组织及下级）" rules={[{ required: true, message: '请选择检查范围' }]}>
        <OrgTreeSelect isDisabled={(o) => o.closedAt !== null} />
      </Form.Item>
      <Form.Item
        name="title"
        label="检查名称"
        rules={[{ required: true, whitespace: true, message: '请填写检查名称' }]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="team" label="检查组" rules={[{ required: true, whitespace: true, message: '请填写检查组' }]}>
        <Input maxLength={500} />
      </Form.Item>
      <Form.Item name="kind" label="检查方式">
        <Radio.Group options={INSPECTION_KINDS.map((k) => ({ value: k, label: INSPECTION_KIND_LABELS[k] }))} />
      </Form.Item>
      <Space size={16} wrap>
        <Form.Item name="startsOn" label="开始日期" rules={[{ required: true, message: '请选择开始日期' }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="endsOn" label="结束日期" rules={[{ required: true, message: '请选择结束日期' }]}>
          <DatePicker />
        </Form.Item>
      </Space>
      <Form.Item name="checklist" label="检查事项（每行一项）">
        <Input.TextArea rows={5} />
      </Form.Item>
    </FormDrawer>
  );
}

interface ProblemValues {
  roundId: number;
  orgId: number;
  category: ProblemCategory;
  severity: ProblemSeverity;
  description: string;
  responsiblePerson: string;
  deadline: Dayjs | null;
}
const PROBLEM_FIELDS = ['roundId', 'orgId', 'category', 'severity', 'description', 'responsiblePerson', 'deadline'];

export function ProblemFormDrawer({
  rounds,
  roundId,
  onClose,
  onSaved,
}: {
  rounds: InspectionRound[];
  roundId: number | undefined;
  onClose: () => void;
  onSaved: (saved: ProblemDetail) => void;
}) {
  const [form] = Form.useForm<ProblemValues>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errors = useSaveErrors(form, PROBLEM_FIELDS);
  const [files, setFiles] = useState<UploadedFile[]>([]);
  const [uploading, setUploading] = useState(false);
  const orgId = Form.useWatch('orgId', form);
  const mutation = useMutation({
    mutationFn: (v: ProblemValues) =>
      apiFetch<ProblemDetail>('/api/problems', {
        method: 'POST',
        body: { ...v, deadline: toIsoDate(v.deadline) ?? '', attachmentIds: files.map((f) => f.id) },
      }),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: inspectionKeys.all });
      message.success('已记录问题');
      onSaved(saved);
      onClose();
    },
    onError: (e, v) => errors.fail(e, { ...v }),
  });
  return (
    <FormDrawer<unknown, ProblemValues>
      title="记录检查发现的问题"
      width={600}
      form={form}
      saving={mutation.isPending || uploading}
      submitTestId="problem-submit"
      errors={errors}
      staleFields={[]}
      onReload={() => undefined}
      onClose={onClose}
      initialValues={{ roundId, category: 'organization_life', severity: 'minor' }}
      onFinish={(v) => mutation.mutate(v)}
    >
      <Form.Item name="roundId" label="检查轮次" rules={[{ required: true, message: '请选择检查轮次' }]}>
        <Select options={rounds.map((r) => ({ value: r.id, label: r.title }))} />
      </Form.Item>
      <Form.Item name="orgId" label="被检查党组织" rules={[{ required: true, message: '请选择党组织' }]}>
        <OrgTreeSelect
          isDisabled={(o) => o.closedAt !== null}
          onChange={() => setFiles([])}
          data-testid="problem-org"
        />
      </Form.Item>
      <Space size={16} wrap>
        <Form.Item name="category" label="问题类别">
          <Select
            style={{ width: 160 }}
            options={PROBLEM_CATEGORIES.map((c) => ({ value: c, label: PROBLEM_CATEGORY_LABELS[c] }))}
          />
        </Form.Item>
        <Form.Item name="severity" label="严重程度">
          <Select
            style={{ width: 110 }}
            options={PROBLEM_SEVERITIES.map((s) => ({ value: s, label: PROBLEM_SEVERITY_LABELS[s] }))}
          />
        </Form.Item>
        <Form.Item name="deadline" label="整改期限" rules={[{ required: true, message: '请选择整改期限' }]}>
          <DatePicker />
        </Form.Item>
      </Space>
      <Form.Item
        name="description"
        label="问题描述"
        rules={[{ required: true, whitespace: true, message: '请填写问题描述' }]}
      >
        <Input.TextArea rows={4} maxLength={2000} />
      </Form.Item>
      <Form.Item
        name="responsiblePerson"
        label="整改责任人"
        rules={[{ required: true, whitespace: true, message: '请填写整改责任人' }]}
      >
        <Input maxLength={50} style={{ width: 200 }} />
      </Form.Item>
      {orgId ? (
        <AttachmentUpload
          entity="problem"
          orgId={orgId}
          files={files}
          setFiles={setFiles}
          setUploading={setUploading}
          extra="现场照片、检查记录等"
        />
      ) : null}
    </FormDrawer>
  );
}
