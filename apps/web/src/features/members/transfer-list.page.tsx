export function TransferListPage() {
  return <div>待完成</div>;
}
