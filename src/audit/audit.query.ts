import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Between, DataSource, type FindOptionsWhere, LessThanOrEqual, MoreThanOrEqual } from 'typeorm';
import { AUDIT_ENTITY, type AuditRow } from './audit.entity';
import { type AuditQuery } from './audit.schemas';
import { customerSubject } from './audit-subject';

/** Reads the audit trail for GET /v1/audit, newest first. */
@Injectable()
export class AuditQueryService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async find(query: AuditQuery): Promise<{ rows: AuditRow[]; total: number }> {
    const where: FindOptionsWhere<AuditRow> = {};
    if (query.apiKey) where.apiKeyName = query.apiKey;
    if (query.subjectType) where.subjectType = query.subjectType;
    if (query.orderNumber) Object.assign(where, { subjectType: 'order', subject: query.orderNumber });
    if (query.email)
      Object.assign(where, { subjectType: 'customer', subject: customerSubject('email', query.email) });
    if (query.phone)
      Object.assign(where, { subjectType: 'customer', subject: customerSubject('phone', query.phone) });
    if (query.route) where.route = query.route;
    if (query.outcome) where.outcome = query.outcome;
    const from = query.from ? new Date(query.from) : undefined;
    const to = query.to ? new Date(query.to) : undefined;
    if (from && to) where.at = Between(from, to);
    else if (from) where.at = MoreThanOrEqual(from);
    else if (to) where.at = LessThanOrEqual(to);
    const [rows, total] = await this.db.getRepository<AuditRow>(AUDIT_ENTITY).findAndCount({
      where,
      order: { at: 'DESC', id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return { rows, total };
  }
}
