// 上传Excel模板: the county's own form layout as an .xlsx whose cells to fill hold {{指标编码}} or {{公式}}; it becomes a
// form of the chosen org, and its exports keep the template's layout. A wrong placeholder is listed by its cell.
import { InboxOutlined } from '@ant-design/icons';
import type { FormDetail } from '@grassroots/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Typography, Upload } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../app/api-client';
import { ActionError } from '../../ui/action-error';
import { formKeys, uploadFormTemplate } from './forms.api';

const MAX_MB = 2;

export function TemplateUploadModal({
  open,
  orgId,
  orgName,
  onClose,
  onCreated,
}: {
  open: boolean;
  orgId: number;
  orgName: string;
  onClose: () => void;
  onCreated: (form: FormDetail) => void;
}) {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: () => uploadFormTemplate(file!, orgId, name.trim() || undefined),
    onSuccess: (form) => {
      void queryClient.invalidateQueries({ queryKey: formKeys.all });
      setFile(null);
      setName('');
      onCreated(form);
    },
  });
  const cellErrors = isApiError(upload.error)
    ? Object.entries(upload.error.fields ?? {}).filter(([k]) => k !== 'file')
    : [];

  return (
    <Modal
      open={open}
      title="上传Excel模板制作统计表"
      okText="上传并保存"
      cancelText="取消"
      okButtonProps={{ disabled: !file, loading: upload.isPending }}
      onOk={() => upload.mutate()}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      <Typography.Paragraph type="secondary">
        按本单位的表样制作 .xlsx 文件，在要填数的单元格中写入占位符：
        <Typography.Text code>{'{{members.total}}'}</Typography.Text>（指标编码）或
        <Typography.Text code>{'{{members.gender.female / members.total}}'}</Typography.Text>
        （公式，可用 + − × / 和括号）。要显示为百分比时给单元格设置百分比格式，或写
        <Typography.Text code>{'{{公式 | 百分比}}'}</Typography.Text>
        。占位符须独占一个单元格。导出时数值写回模板的同一单元格，合并单元格、列宽和样式保持不变。
      </Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label="制定单位">{orgName}</Form.Item>
        <Form.Item label="报表名称" extra="不填则用模板中的标题">
          <Input
            value={name}
            maxLength={100}
            onChange={(e) => setName(e.target.value)}
            placeholder="如：党员队伍情况月报"
          />
        </Form.Item>
      </Form>
      <Upload.Dragger
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        multiple={false}
        maxCount={1}
        showUploadList={false}
        beforeUpload={(f) => {
          if (!/\.xlsx$/i.test(f.name)) setFileProblem('只能上传 .xlsx 格式的模板；.xls 请先在 Excel 中另存为 .xlsx');
          else if (f.size > MAX_MB * 1024 * 1024) setFileProblem(`模板文件不能超过 ${MAX_MB} MB`);
          else {
            setFileProblem(null);
            setFile(f);
          }
          return false;
        }}
        data-testid="template-file"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{file ? file.name : '点击或拖动 .xlsx 模板到此处'}</p>
        <p className="ant-upload-hint">单个文件不超过 {MAX_MB} MB</p>
      </Upload.Dragger>
      {fileProblem ? <Alert type="warning" showIcon message={fileProblem} style={{ marginTop: 12 }} /> : null}
      <ActionError title="模板有误，未保存" error={upload.error} style={{ marginTop: 12 }} />
      {cellErrors.length > 1 ? (
        <Alert
          type="error"
          style={{ marginTop: 8 }}
          message="各单元格的问题"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {cellErrors.map(([cell, message]) => (
                <li key={cell}>
                  {cell}：{message}
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
    </Modal>
  );
}
