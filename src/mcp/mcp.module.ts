import { Module } from '@nestjs/common';
import { ContextModule } from '../context/context.module';
import { ShipmentsModule } from '../shipments/shipments.module';
import { McpController } from './mcp.controller';
import { McpEndpoint } from './mcp-endpoint';
import { McpServers } from './mcp-servers';
import { MCP_TOOLS } from './mcp-tool';
import { CustomerContextTool } from './tools/customer-context.tool';
import { OrderContextTool } from './tools/order-context.tool';
import { GetActionTool, RequestActionTool } from './tools/action.tools';
import { ShipmentStatusTool } from './tools/shipment-status.tool';

const TOOLS = [ShipmentStatusTool, OrderContextTool, CustomerContextTool, RequestActionTool, GetActionTool];

/**
 * The MCP server for AI agents (docs/agents/mcp.md): the hub's read paths and actions as tools.
 * ActionsModule, global, gives the actions pipeline.
 */
@Module({
  imports: [ContextModule, ShipmentsModule],
  controllers: [McpController],
  providers: [
    ...TOOLS,
    { provide: MCP_TOOLS, useFactory: (...tools: unknown[]) => tools, inject: TOOLS },
    McpServers,
    McpEndpoint,
  ],
})
export class McpModule {}
