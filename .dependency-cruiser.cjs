/**
 * The direction of the layers, checked by `npm run lint`:
 *   domain <- application <- engine <- apps;  projections <- application;  access (sign-in) <- engine;
 *   event-store, database at the bottom.
 * The domain imports nothing of ours; the event store knows no domain; projections know no
 * application and no HTTP; nothing in libs/ knows the apps.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'Domain rules are plain TypeScript: no other layer, no framework, no database.',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: { path: '^(libs/(?!domain/)|apps/)|node_modules/(@nestjs|pg|@electric-sql|bullmq|ioredis)' },
    },
    {
      name: 'storage-knows-no-domain',
      comment: 'The event store and the database adapters move bytes; they know no aggregate.',
      severity: 'error',
      from: { path: '^libs/(event-store|database)/' },
      to: { path: '^(libs/(domain|application|projections|reminders)/|apps/)' },
    },
    {
      name: 'projections-know-no-application',
      comment: 'Read models are built from events alone, not from command handling or HTTP.',
      severity: 'error',
      from: { path: '^libs/projections/' },
      to: { path: '^(libs/(application|reminders)/|apps/)|node_modules/@nestjs' },
    },
    {
      name: 'access-knows-no-application',
      comment: 'Passwords, links and sessions are checked below command handling and HTTP.',
      severity: 'error',
      from: { path: '^libs/access/' },
      to: { path: '^(libs/(application|reminders)/|apps/)|node_modules/@nestjs' },
    },
    {
      name: 'libs-know-no-apps',
      comment: 'Apps are shells over the libraries, never the other way round.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'engine-is-the-top-of-libs',
      comment: 'libs/engine composes the others (the composition root); none of them knows it.',
      severity: 'error',
      from: { path: '^libs/(?!engine/)' },
      to: { path: '^libs/engine/' },
    },
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'A type named across a split decider is no cycle; a value imported both ways is.',
      from: { path: '^(libs|apps)/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.spec\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
