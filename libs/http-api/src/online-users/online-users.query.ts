import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

/**
 * A page of the online users, as the route-gateway and the admin both list them: the session store's
 * opaque SCAN-style cursor ('0' to start) and about how many users per page.
 */
export class OnlineUsersQuery {
  @ApiPropertyOptional({
    description: "Where to go on: '0' to start, then the cursor of the last page (an opaque string).",
    default: '0',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,1024}$/, { message: "cursor must be '0' or a cursor a page answered" })
  cursor: string = '0';

  @ApiPropertyOptional({
    description: 'About how many users per page.',
    minimum: 1,
    maximum: 1000,
    default: 100,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  count: number = 100;
}
