-- wrk script: each request creates a new Service (POST), named after the wrk thread and a counter,
-- in the namespace given as the first script argument. Used by bench/api-server.sh.
local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("tid", next_id)
  table.insert(threads, thread)
end

function init(args)
  namespace = args[1]
  token = args[2]
  counter = 0
end

function request()
  counter = counter + 1
  local body = string.format(
    '{"apiVersion":"v1","kind":"Service","metadata":{"name":"s-%d-%d","labels":{"app":"bench"}},' ..
    '"spec":{"selector":{"app":"bench"},"ports":[{"name":"http","port":80,"targetPort":8080}]}}',
    tid, counter)
  return wrk.format("POST", "/api/v1/namespaces/" .. namespace .. "/services",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }, body)
end
