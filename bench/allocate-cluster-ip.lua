-- wrk script: each request asks ipam-service for the ClusterIP of a new Service (a fresh uid per
-- request, named after the wrk thread and a counter). Used by bench/ipam.sh.
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("tid", next_id)
end

function init(args)
  prefix = args[1] or "b"
  counter = 0
end

function request()
  counter = counter + 1
  local body = string.format(
    '{"namespace":"bench","name":"%s-%d-%d","uid":"%s-%d-%d","dryRun":false,"clusterIPs":{},"nodePorts":[]}',
    prefix, tid, counter, prefix, tid, counter)
  return wrk.format("POST", "/ipam/v1/services/allocations", { ["Content-Type"] = "application/json" }, body)
end

function response(status, headers, body)
  if status ~= 200 then
    io.stderr:write("unexpected status " .. status .. ": " .. body .. "\n")
  end
end
