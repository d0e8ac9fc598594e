import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsString,
  IsUUID,
  MaxLength,
  Min,
} from 'class-validator';
import { Role, ROLES } from '#domain/person/roles';
import { VersionedDto } from '../actions/action.dto';
import { PageQueryDto } from '../http/page-query.dto';
import { IsOptional } from '../http/validation';

/** Who a person is: the same in every body. */
export class PersonFieldsDto {
  @ApiProperty({ example: 'Carol Reid' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'carol.reid@leics.pcc.police.uk', description: 'Unique in the deployment' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(254)
  email!: string;

  @ApiPropertyOptional({ example: 'Chief Finance Officer' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  jobTitle?: string;

  @ApiPropertyOptional({ description: 'Id of the person their reminders escalate to' })
  @IsOptional()
  @IsUUID()
  managerId?: string;
}

/** A change of a person's details, at the version read (as VersionedDto; a class extends one class). */
export class PersonDetailsDto extends PersonFieldsDto {
  @ApiProperty({ example: 1, description: 'The version you read; a stale one is refused with 409' })
  @IsInt()
  @Min(1)
  expectedVersion!: number;
}

export class AddPersonDto extends PersonFieldsDto {
  @ApiPropertyOptional({ description: 'Body to add them to; defaults to the only body your token names' })
  @IsOptional()
  @IsString()
  @MaxLength(63)
  bodyId?: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['officer'] })
  @IsArray()
  @ArrayMaxSize(ROLES.length)
  @IsIn(ROLES, { each: true })
  roles!: Role[];

  @ApiProperty({ example: 'Joined as lead officer for Theme 7' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}

export class RoleChangeDto {
  @ApiPropertyOptional({ description: 'Body the role is in; defaults to the only body your token names' })
  @IsOptional()
  @IsString()
  @MaxLength(63)
  bodyId?: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @ApiProperty({ example: 'Appointed secretary to the Panel' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}

export class ReasonedChangeDto extends VersionedDto {
  @ApiProperty({ example: 'Left the organisation' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}

export class ListPeopleQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Body to list (an admin of several: one of them, or * for all)' })
  @IsOptional()
  @IsString()
  @MaxLength(63)
  body?: string;

  @ApiPropertyOptional({ description: 'Part of a name or an email' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;
}
