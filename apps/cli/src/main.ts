import 'reflect-metadata';
import { configFromEnvironment } from '#engine/config';
import { adminCommand, adminUsage } from './commands/admin';
import { chainCommand, chainUsage, verifyCommand } from './commands/chain';
import { exportCommand, exportUsage } from './commands/export';
import { importCommand, importUsage } from './commands/import';
import { migrateCommand, migrateUsage } from './commands/migrate';
import { peopleCommand, peopleUsage } from './commands/people';
import { projectionsCommand, projectionsUsage } from './commands/projections';
import { rebuildCommand, rebuildUsage } from './commands/rebuild';
import { replayCommand, replayUsage } from './commands/replay';
import { tokenCommand, tokenUsage } from './commands/token';

const usage = `usage: npm run cli -- <command> [options]

${adminUsage}

${peopleUsage}

${tokenUsage}

${migrateUsage}

${rebuildUsage}

${replayUsage}

${projectionsUsage}

${importUsage}

${exportUsage}

${chainUsage}

Configuration comes from the same environment as the API (DATA_DIR, DATABASE_URL, JWT_SECRET, ...).`;

async function main(argv: string[]): Promise<void> {
  const [command, ...args] = argv;
  const config = configFromEnvironment();
  switch (command) {
    case 'admin':
      process.stdout.write(`${await adminCommand(args, config)}\n`);
      return;
    case 'people':
      process.stdout.write(`${await peopleCommand(args, config)}\n`);
      return;
    case 'token':
      process.stdout.write(`${tokenCommand(args, config)}\n`);
      return;
    case 'migrate':
      process.stderr.write(`${await migrateCommand(config)}\n`);
      return;
    case 'rebuild':
      process.stderr.write(`${await rebuildCommand(config)}\n`);
      return;
    case 'replay':
      process.stdout.write(`${await replayCommand(args, config)}\n`);
      return;
    case 'projections':
      process.stdout.write(`${await projectionsCommand(args, config)}\n`);
      return;
    case 'import': {
      const { report, refused } = await importCommand(args, config);
      process.stdout.write(`${report}\n`);
      // A refused row is the file's to mend: the report says where.
      if (refused > 0) process.exitCode = 1;
      return;
    }
    case 'export':
      process.stdout.write(`${await exportCommand(args, config)}\n`);
      return;
    case 'verify': {
      const { report, broken } = await verifyCommand(args, config);
      process.stdout.write(`${report}\n`);
      if (broken) process.exitCode = 1;
      return;
    }
    case 'chain':
      process.stdout.write(`${await chainCommand(args, config)}\n`);
      return;
    case undefined:
    case 'help':
    case '--help':
      process.stderr.write(`${usage}\n`);
      return;
    default:
      throw new Error(`unknown command "${command}"\n\n${usage}`);
  }
}

main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
