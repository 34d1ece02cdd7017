// Printed at the end of `npm test`: the PostgreSQL/Redis suites live in their own config and are not part of
// `npm test` (a user's machine may have neither). Says how to run them; .ci/run does.
const pg = process.env.TEST_DATABASE_URL;
const redis = process.env.TEST_REDIS_URL;
const how =
  'TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test TEST_REDIS_URL=redis://127.0.0.1:6379 npm run test:cluster';
process.stdout.write(
  `\nNOTE: the PostgreSQL store suite and the multi-instance cluster suite were NOT run by npm test` +
    `${pg || redis ? '' : ' (TEST_DATABASE_URL and TEST_REDIS_URL are unset)'}.\n      Run them with: ${how}\n`,
);
