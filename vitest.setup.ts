// Says loudly when the PostgreSQL half of the suite did not run.
export default function setup(): void {
  if (!process.env.TEST_DATABASE_URL) {
    console.warn(
      '\n⚠ PostgreSQL tests SKIPPED: TEST_DATABASE_URL is not set (set it to postgres://postgres@127.0.0.1:5432/test).\n',
    );
  }
}
