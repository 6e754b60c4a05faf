import {
  MEETING_KIND_LABELS,
  MEETING_KINDS,
  MEETING_KINDS_WITH_RESULTS,
  MEMBER_REVIEW_RESULT_LABELS,
  MEMBER_REVIEW_RESULTS,
  type MeetingKind,
  type MemberReviewResult,
  todayIso,
} from '@grassroots/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../app/api-client';
import { AttachmentUpload } from '../../ui/attachment-upload';
import { FormDrawer, useSaveErrors } from '../../ui/form-drawer';
import { warningKeys } from '../warnings/warnings.api';
import { type Attachment, createMeeting, fetchOrgMembersOn, lifeKeys, type Meeting, updateMeeting } from './life.api';

interface MeetingFormValues {
  kind: MeetingKind;
  date: string;
  topic: string;
  host: string;
  place: string | null;
  minutes: string | null;
  attendees: number[];
  absences: Array<{ memberId: number; reason: string }>;
  results: Array<{ memberId: number; result: MemberReviewResult }>;
}

const FIELDS = ['kind', 'date', 'topic', 'host', 'place', 'minutes', 'attendees', 'absences', 'results'] as const;
const STALE_FIELDS = [
  { name: 'kindLabel', label: '会议类型' },
  { name: 'date', label: '会议日期' },
  { name: 'topic', label: '会议主题' },
  { name: 'host', label: '主持人' },
  { name: 'attendeeCount', label: '参会人数' },
];

function valuesOf(m: Meeting): MeetingFormValues {
  return {
    kind: m.kind,
    date: m.date,
    topic: m.topic,
    host: m.host,
    place: m.place,
    minutes: m.minutes,
    attendees: m.attendees.map((a) => a.memberId),
    absences: m.absences.map((a) => ({ memberId: a.memberId, reason: a.reason })),
    results: m.results.map((r) => ({ memberId: r.memberId, result: r.result })),
  };
}

export function MeetingFormDrawer({
  orgId,
  meeting,
  onClose,
}: {
  orgId: number;
  meeting: Meeting | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<MeetingFormValues>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [base, setBase] = useState<Meeting | null>(meeting);
  const [files, setFiles] = useState<Attachment[]>(meeting?.attachments ?? []);
  const [uploading, setUploading] = useState(false);
  const errors = useSaveErrors<Meeting>(form, FIELDS);
  const date = Form.useWatch('date', form) ?? meeting?.date ?? todayIso();
  const kind = Form.useWatch('kind', form) ?? meeting?.kind ?? 'general_meeting';
  const attendees = Form.useWatch('attendees', form) ?? [];
  const absences = Form.useWatch('absences', form) ?? [];
  const targetOrg = meeting?.orgId ?? orgId;
  const members = useQuery({
    queryKey: lifeKeys.members(targetOrg, date),
    queryFn: () => fetchOrgMembersOn(targetOrg, date),
    enabled: /^\d{4}-\d{2}-\d{2}$/.test(date),
  });
  const options = (members.data?.items ?? []).map((m) => ({
    value: m.id,
    label: m.orgId === targetOrg ? m.name : `${m.name}（${m.orgName}）`,
  }));
  const listed = new Set<number>([...attendees, ...absences.map((a) => a?.memberId)]);
  const mutation = useMutation({
    mutationFn: (v: MeetingFormValues) => {
      const body = {
        ...v,
        place: v.place || null,
        minutes: v.minutes || null,
        absences: v.absences ?? [],
        results: MEETING_KINDS_WITH_RESULTS.includes(v.kind) ? (v.results ?? []) : [],
        attachmentIds: files.map((f) => f.id),
      };
      return base ? updateMeeting(base.id, { ...body, version: base.version }) : createMeeting({ ...body, orgId });
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: lifeKeys.all });
      void queryClient.invalidateQueries({ queryKey: warningKeys.all });
      message.success(saved.late ? '已保存（会后超过30天登记，标记为补录）' : '已保存');
      onClose();
    },
    onError: (e, v) => errors.fail(e, { ...v }),
  });

  return (
    <FormDrawer<Meeting, MeetingFormValues>
      title={meeting ? `编辑会议记录：${meeting.topic}` : '登记会议'}
      onClose={onClose}
      width={720}
      form={form}
      saving={mutation.isPending || uploading}
      submitTestId="meeting-form-submit"
      initialValues={
        meeting
          ? valuesOf(meeting)
          : { kind: 'general_meeting', date: todayIso(), attendees: [], absences: [], results: [] }
      }
      onFinish={(v) => mutation.mutate(v)}
      errors={errors}
      staleFields={STALE_FIELDS}
      valuesOf={valuesOf}
      onReload={(current) => {
        setBase(current);
        setFiles(current.attachments);
      }}
    >
      <Space size={16} wrap style={{ width: '100%' }}>
        <Form.Item name="kind" label="会议类型" rules={[{ required: true, message: '请选择会议类型' }]}>
          <Select
            style={{ width: 200 }}
            options={MEETING_KINDS.map((k) => ({ value: k, label: MEETING_KIND_LABELS[k] }))}
          />
        </Form.Item>
        <Form.Item
          name="date"
          label="会议日期"
          rules={[{ required: true, message: '请填写会议日期' }]}
          extra="会后超过30天登记的，标记为补录"
        >
          <Input type="date" max={todayIso()} style={{ width: 180 }} />
        </Form.Item>
      </Space>
      <Form.Item
        name="topic"
        label="会议主题"
        rules={[{ required: true, whitespace: true, message: '请填写会议主题' }]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Space size={16} wrap style={{ width: '100%' }}>
        <Form.Item name="host" label="主持人" rules={[{ required: true, whitespace: true, message: '请填写主持人' }]}>
          <Input maxLength={50} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="place" label="会议地点">
          <Input maxLength={100} style={{ width: 260 }} />
        </Form.Item>
      </Space>
      {members.isError ? <Alert type="error" showIcon message={errorMessage(members.error)} /> : null}
      <Form.Item
        name="attendees"
        label="参会人员"
        rules={[{ required: true, message: '请选择参会人员' }]}
        extra={members.data ? `会议当天本组织共有党员 ${members.data.items.length} 名` : undefined}
      >
        <Select
          mode="multiple"
          allowClear
          loading={members.isFetching}
          optionFilterProp="label"
          placeholder="选择参会党员"
          options={options.filter((o) => !absences.some((a) => a?.memberId === o.value))}
          maxTagCount="responsive"
        />
      </Form.Item>
      <Space style={{ marginBottom: 8 }}>
        <Button
          size="small"
          onClick={() =>
            form.setFieldValue(
              'attendees',
              options.filter((o) => !absences.some((a) => a?.memberId === o.value)).map((o) => o.value),
            )
          }
        >
          全部参会
        </Button>
        <Typography.Text type="secondary">
          未登记的党员 {options.filter((o) => !listed.has(o.value)).length} 名
        </Typography.Text>
      </Space>
      <Form.List name="absences">
        {(rows, { add, remove }) => (
          <Form.Item label="缺席人员及原因">
            {rows.map((row) => (
              <Space key={row.key} align="baseline" wrap>
                <Form.Item name={[row.name, 'memberId']} rules={[{ required: true, message: '请选择党员' }]}>
                  <Select
                    showSearch
                    optionFilterProp="label"
                    style={{ width: 180 }}
                    options={options.filter((o) => !attendees.includes(o.value))}
                  />
                </Form.Item>
                <Form.Item
                  name={[row.name, 'reason']}
                  rules={[{ required: true, whitespace: true, message: '请填写缺席原因' }]}
                >
                  <Input placeholder="缺席原因" maxLength={100} style={{ width: 200 }} />
                </Form.Item>
                <Typography.Link onClick={() => remove(row.name)}>删除</Typography.Link>
              </Space>
            ))}
            <Button size="small" onClick={() => add({ reason: '' })}>
              添加缺席人员
            </Button>
          </Form.Item>
        )}
      </Form.List>
      {MEETING_KINDS_WITH_RESULTS.includes(kind) ? (
        <Form.List name="results">
          {(rows, { add, remove }) => (
            <Form.Item label="评议结果" extra="民主评议党员：优秀、合格、基本合格、不合格">
              {rows.map((row) => (
                <Space key={row.key} align="baseline" wrap>
                  <Form.Item name={[row.name, 'memberId']} rules={[{ required: true, message: '请选择党员' }]}>
                    <Select
                      showSearch
                      optionFilterProp="label"
                      style={{ width: 180 }}
                      options={options.filter((o) => listed.has(o.value))}
                    />
                  </Form.Item>
                  <Form.Item name={[row.name, 'result']} rules={[{ required: true, message: '请选择评议结果' }]}>
                    <Select
                      style={{ width: 120 }}
                      options={MEMBER_REVIEW_RESULTS.map((r) => ({ value: r, label: MEMBER_REVIEW_RESULT_LABELS[r] }))}
                    />
                  </Form.Item>
                  <Typography.Link onClick={() => remove(row.name)}>删除</Typography.Link>
                </Space>
              ))}
              <Space>
                <Button size="small" onClick={() => add({ result: 'qualified' })}>
                  添加评议结果
                </Button>
                <Button
                  size="small"
                  onClick={() =>
                    form.setFieldValue(
                      'results',
                      options
                        .filter((o) => listed.has(o.value))
                        .map((o) => ({ memberId: o.value, result: 'qualified' })),
                    )
                  }
                >
                  全部设为合格
                </Button>
              </Space>
            </Form.Item>
          )}
        </Form.List>
      ) : null}
      <Form.Item name="minutes" label="会议记录">
        <Input.TextArea rows={5} maxLength={20000} showCount />
      </Form.Item>
      <AttachmentUpload
        entity="meeting"
        orgId={targetOrg}
        files={files}
        setFiles={setFiles}
        setUploading={setUploading}
        extra="照片、会议记录扫描件等，图片、PDF、Word、Excel，每个不超过 10 MB；不要求必须上传"
      />
    </FormDrawer>
  );
}
