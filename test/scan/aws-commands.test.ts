/** AWS SDK v3 `client.send(command)` transmits only for the commands that carry personal information. */
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { project, scan } from './helpers.js';

describe('AWS SDK v3 send(command)', () => {
  it('SES SendEmailCommand transmits; identity administration commands do not', async () => {
    const root = project({
      'mail.ts': [
        `import { SESv2Client, SendEmailCommand, GetEmailIdentityCommand, CreateEmailIdentityCommand } from '@aws-sdk/client-sesv2';`,
        `const ses = new SESv2Client({});`,
        `export async function mail(email: string) {`,
        `  await ses.send(new GetEmailIdentityCommand({ EmailIdentity: 'example.com' }));`,
        `  await ses.send(new CreateEmailIdentityCommand({ EmailIdentity: 'example.com' }));`,
        `  const command = new SendEmailCommand({ Destination: { ToAddresses: [email] } });`,
        `  await ses.send(new SendEmailCommand({ Destination: { ToAddresses: [email] } }));`,
        `  await ses.send(command);`,
        `}`,
      ].join('\n'),
    });
    const result = await scan(root, { catalog: loadCatalog() });
    expect(result.callSites.map((s) => `${s.line} ${s.vendor} ${s.pattern} ${s.categories.join(',')}`)).toEqual([
      '7 amazon-ses send(new SendEmailCommand) user.contact.email',
      '8 amazon-ses send(new SendEmailCommand) user.contact.email',
    ]);
  });

  it('SNS PublishCommand to a phone number transmits; topic administration does not', async () => {
    const root = project({
      'sms.ts': [
        `import { SNSClient, PublishCommand, CreateTopicCommand } from '@aws-sdk/client-sns';`,
        `const sns = new SNSClient({});`,
        `export async function sms(phone: string) {`,
        `  await sns.send(new CreateTopicCommand({ Name: 'alerts' }));`,
        `  await sns.send(new PublishCommand({ PhoneNumber: phone, Message: 'code' }));`,
        `}`,
      ].join('\n'),
    });
    const result = await scan(root, { catalog: loadCatalog() });
    expect(result.callSites.map((s) => `${s.line} ${s.vendor} ${s.pattern}`)).toEqual(['5 amazon-sns send(new PublishCommand)']);
  });
});
