// The two forms of 党建联系点: a link (leader, position, org, period) and a visit (date, content, the problems raised,
// each with the day it was solved). Server field errors land on their fields (problems.0.solvedOn too).
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { FormDrawer, useSaveErrors } from '../../ui/form-drawer';
import { toIsoDate } from '../../ui/format';
import { OrgTreeSelect } from '../orgs/org-tree-select.component';
import {
  type ContactLink,
  type ContactVisit,
  contactKeys,
  createLink,
  createVisit,
  updateLink,
  updateVisit,
} from './contact-points.api';

interface LinkValues {
  orgId: number;
  leaderName: string;
  leaderPosition: string;
  validFrom: Dayjs;
  validTo: Dayjs | null;
  note: string | null;
}
const LINK_FIELDS = ['orgId', 'leaderName', 'leaderPosition', 'validFrom', 'validTo', 'note'];
const LINK_STALE = [
  { name: 'leaderName', label: '联系领导' },
  { name: 'leaderPosition', label: '职务' },
  { name: 'validFrom', label: '开始日期' },
  { name: 'validTo', label: '结束日期' },
];

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: contactKeys.all });
}

export function LinkFormDrawer({
  link,
  defaultOrgId,
  onClose,
}: {
  link: ContactLink | null;
  defaultOrgId: number;
  onClose: () => void;
}) {
  const [form] = Form.useForm<LinkValues>();
  const { message } = App.useApp();
  const invalidate = useInvalidate();
  const [version, setVersion] = useState(link?.version ?? 0);
  const errors = useSaveErrors<ContactLink>(form, LINK_FIELDS);
  const mutation = useMutation({
    mutationFn: (v: LinkValues) => {
      const fields = {
        leaderName: v.leaderName,
        leaderPosition: v.leaderPosition,
        validFrom: toIsoDate(v.validFrom) ?? '',
        validTo: toIsoDate(v.validTo),
        note: v.note ?? null,
      };
      return link ? updateLink(link.id, { ...fields, version }) : createLink({ ...fields, orgId: v.orgId });
    },
    onSuccess: () => {
      invalidate();
      message.success('已保存');
      onClose();
    },
    onError: (e, v) => errors.fail(e, { ...v }),
  });
  return (
    <FormDrawer<ContactLink, LinkValues>
      title={link ? `修改联系点：${link.orgName}` : '建立联系点'}
      width={520}
      form={form}
      saving={mutation.isPending}
      submitTestId="contact-link-submit"
      errors={errors}
      staleFields={LINK_STALE}
      onClose={onClose}
      initialValues={
        link
          ? {
              ...link,
              validFrom: dayjs(link.validFrom),
              validTo: link.validTo ? dayjs(link.validTo) : null,
            }
          : { orgId: defaultOrgId, validFrom: dayjs() }
      }
      onFinish={(v) => mutation.mutate(v)}
      valuesOf={(c) => ({
        leaderName: c.leaderName,
        leaderPosition: c.leaderPosition,
        validFrom: dayjs(c.validFrom),
        validTo: c.validTo ? dayjs(c.validTo) : null,
      })}
      onReload={(c) => setVersion(c.version)}
    >
      <Form.Item name="orgId" label="联系的党组织" rules={[{ required: true, message: '请选择党组织' }]}>
        <OrgTreeSelect labelHint={link?.orgName} isDisabled={() => Boolean(link)} />
      </Form.Item>
      <Space wrap size={16}>
        <Form.Item
          name="leaderName"
          label="联系领导"
          rules={[{ required: true, whitespace: true, message: '请填写联系领导' }]}
        >
          <Input maxLength={50} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item
          name="leaderPosition"
          label="职务"
          rules={[{ required: true, whitespace: true, message: '请填写职务' }]}
        >
          <Input maxLength={100} style={{ width: 240 }} placeholder="如：县委常委、组织部部长" />
        </Form.Item>
      </Space>
      <Space wrap size={16}>
        <Form.Item name="validFrom" label="联系开始日期" rules={[{ required: true, message: '请选择开始日期' }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="validTo" label="联系结束日期（不填为长期）">
          <DatePicker />
        </Form.Item>
      </Space>
      <Form.Item name="note" label="备注">
        <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
      </Form.Item>
    </FormDrawer>
  );
}

interface VisitValues {
  visitedOn: Dayjs;
  content: string;
  problems: Array<{ text: string; solvedOn: Dayjs | null }>;
}
const VISIT_FIELDS = ['visitedOn', 'content', 'problems'];
const VISIT_STALE = [
  { name: 'visitedOn', label: '走访日期' },
  { name: 'content', label: '走访内容' },
];

export function VisitFormDrawer({
  link,
  visit,
  onClose,
}: {
  link: Pick<ContactLink, 'id' | 'orgName' | 'leaderName' | 'validFrom' | 'validTo'>;
  visit: ContactVisit | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<VisitValues>();
  const { message } = App.useApp();
  const invalidate = useInvalidate();
  const [version, setVersion] = useState(visit?.version ?? 0);
  const errors = useSaveErrors<ContactVisit>(form, VISIT_FIELDS);
  const mutation = useMutation({
    mutationFn: (v: VisitValues) => {
      const fields = {
        visitedOn: toIsoDate(v.visitedOn) ?? '',
        content: v.content,
        problems: (v.problems ?? []).map((p) => ({ text: p.text, solvedOn: toIsoDate(p.solvedOn) })),
      };
      return visit ? updateVisit(visit.id, { ...fields, version }) : createVisit({ ...fields, linkId: link.id });
    },
    onSuccess: () => {
      invalidate();
      message.success('已保存');
      onClose();
    },
    onError: (e, v) => errors.fail(e, { ...v }),
  });
  const outside = (d: Dayjs) =>
    d.isAfter(dayjs(), 'day') ||
    d.isBefore(dayjs(link.validFrom), 'day') ||
    (link.validTo !== null && d.isAfter(dayjs(link.validTo), 'day'));
  return (
    <FormDrawer<ContactVisit, VisitValues>
      title={`${visit ? '修改' : '登记'}走访：${link.leaderName} → ${link.orgName}`}
      width={620}
      form={form}
      saving={mutation.isPending}
      submitTestId="contact-visit-submit"
      errors={errors}
      staleFields={VISIT_STALE}
      onClose={onClose}
      initialValues={
        visit
          ? {
              visitedOn: dayjs(visit.visitedOn),
              content: visit.content,
              problems: visit.problems.map((p) => ({ text: p.text, solvedOn: p.solvedOn ? dayjs(p.solvedOn) : null })),
            }
          : { problems: [] }
      }
      onFinish={(v) => mutation.mutate(v)}
      valuesOf={(c) => ({ visitedOn: dayjs(c.visitedOn), content: c.content })}
      onReload={(c) => setVersion(c.version)}
    >
      <Form.Item
        name="visitedOn"
        label={`走访日期（联系期 ${link.validFrom} 至 ${link.validTo ?? '今'}）`}
        rules={[{ required: true, message: '请选择走访日期' }]}
      >
        <DatePicker disabledDate={outside} />
      </Form.Item>
      <Form.Item
        name="content"
        label="走访内容"
        rules={[{ required: true, whitespace: true, message: '请填写走访内容' }]}
      >
        <Input.TextArea maxLength={2000} autoSize={{ minRows: 3 }} />
      </Form.Item>
      <Form.List name="problems">
        {(items, { add, remove }) => (
          <Form.Item label="提出的问题（解决后填写解决日期）">
            {items.map((item) => (
              <Space key={item.key} align="baseline" style={{ display: 'flex' }} wrap>
                <Form.Item
                  name={[item.name, 'text']}
                  rules={[{ required: true, whitespace: true, message: '请填写问题' }]}
                  style={{ marginBottom: 8 }}
                >
                  <Input placeholder="问题" maxLength={200} style={{ width: 260 }} />
                </Form.Item>
                <Form.Item name={[item.name, 'solvedOn']} style={{ marginBottom: 8 }}>
                  <DatePicker placeholder="解决日期" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
                </Form.Item>
                <MinusCircleOutlined aria-label="删除问题" onClick={() => remove(item.name)} />
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ text: '', solvedOn: null })}>
              添加问题
            </Button>
          </Form.Item>
        )}
      </Form.List>
    </FormDrawer>
  );
}
