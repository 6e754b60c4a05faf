export function MemberDetailPage() {
  return <div>待完成</div>;
}
