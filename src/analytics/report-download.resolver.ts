import { GraphQLDateTime } from 'graphql-scalars';
import { Arg, Authorized, Ctx, Field, Mutation, ObjectType, Resolver } from 'type-graphql';
import { heavyComplexity } from '../graphql/connection';
import { Permissions } from '../auth/policy';
import { parseMonth } from '../dispatch/duty-schedule.service';
import { requireViewer, type HubContext } from '../graphql/context';
import { reportFileName } from './report';
import { reportLinkExpiry, reportLinkKeyFor, signReportLink } from './report/report-link';
import { ReportFormat } from './vocabulary';

@ObjectType({ description: '月报下载链接（签名，限时有效）A signed download link for the monthly report, valid for a short time' })
class ReportDownload {
  @Field({
    description: '下载地址：相对于 GraphQL 端点所在源的路径，无需再带令牌 Download path, relative to the origin of the GraphQL endpoint; needs no bearer token',
  })
  url!: string;
  @Field({ description: '文件名 File name the download is saved under' })
  fileName!: string;
  @Field(() => GraphQLDateTime, { description: '链接失效时间 When the link stops working' })
  expiresAt!: Date;
}

/** 热线月报下载 A signed link to the monthly report file (served by http/report-download.ts). */
@Resolver()
export class ReportDownloadResolver {
  @Authorized(Permissions.readAnalytics)
  @Mutation(() => ReportDownload, {
    complexity: heavyComplexity('generateMonthlyReport'),
    description:
      '生成热线月报下载链接（15 分钟内有效；下载时按最新数据生成文件）Make a download link for the monthly report, valid for 15 minutes (the file is built from current data when fetched)',
  })
  generateMonthlyReport(
    @Ctx() ctx: HubContext,
    @Arg('month', { description: '月份 yyyy-MM Month' }) month: string,
    @Arg('format', () => ReportFormat, { description: '文件格式 File format' }) format: ReportFormat,
  ): ReportDownload {
    const viewer = requireViewer(ctx);
    const { month: checked } = parseMonth(month);
    const expiresAt = reportLinkExpiry();
    const url = signReportLink({ month: checked, format, viewerTokenId: viewer.tokenId, expiresAt }, reportLinkKeyFor(ctx.services.config));
    return Object.assign(new ReportDownload(), { url, fileName: reportFileName(checked, format), expiresAt });
  }
}
