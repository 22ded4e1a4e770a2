import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { z } from 'zod';
import { DevTokens, ROLES } from '#libs/jwt';
import { parseWith } from '../http/validation.js';
import { defineRoute } from '../openapi/routes.js';
import { Public } from './auth.guard.js';

const tokenId = z.string().regex(/^[A-Za-z0-9._-]{1,128}$/, '1-128 characters of A-Z a-z 0-9 . _ -');

export const devTokenRoute = defineRoute({
  method: 'post',
  path: '/auth/dev-token',
  summary: 'Issue a dev token (embedded mode only; the production profile has no such route)',
  tag: 'auth',
  status: 200,
  public: true,
  body: z.strictObject({ sub: tokenId, org: tokenId, role: z.enum(ROLES as [string, ...string[]]), name: z.string().min(1).max(200).optional() }),
});

@Controller('api/v1/auth')
export class DevTokenController {
  constructor(private readonly tokens: DevTokens) {}

  @Public()
  @Post('dev-token')
  @HttpCode(200)
  async issue(@Body() body: unknown): Promise<{ token: string }> {
    const claims = parseWith(devTokenRoute.body, body);
    return { token: await this.tokens.issue(claims as Parameters<DevTokens['issue']>[0]) };
  }
}
