using Mono.Cecil;

namespace IpfsKit.Tests.Architecture;

/// <summary>
/// Every type a module's types use, read from the IL: base types and interfaces, generic constraints, fields,
/// properties, events, method signatures, attributes (their types and <c>typeof</c> arguments) and method bodies
/// (locals, catch types, and the types, methods and fields the instructions name, with their generic arguments).
/// </summary>
internal static class TypeUseReader
{
    /// <summary>The uses of types by the types of <paramref name="module"/>, to types of any assembly.</summary>
    public static IEnumerable<TypeUse> Read(ModuleDefinition module)
    {
        var uses = new List<TypeUse>();
        foreach (var type in module.GetTypes())
        {
            var from = Outermost(type);
            void Add(TypeReference? reference, string site) => AddUses(module, from, reference, site, uses);

            Add(type.BaseType, "base type");
            foreach (var implemented in type.Interfaces)
            {
                Add(implemented.InterfaceType, "interfaces");
            }

            AddGenericParameters(type, "generic constraint", Add);
            AddAttributes(type, "attribute", Add);
            foreach (var field in type.Fields)
            {
                Add(field.FieldType, field.Name);
                AddAttributes(field, field.Name, Add);
            }

            foreach (var property in type.Properties)
            {
                Add(property.PropertyType, property.Name);
                AddAttributes(property, property.Name, Add);
            }

            foreach (var @event in type.Events)
            {
                Add(@event.EventType, @event.Name);
                AddAttributes(@event, @event.Name, Add);
            }

            foreach (var method in type.Methods)
            {
                AddMethod(method, $"{type.Name}.{method.Name}", Add);
            }
        }

        return uses;
    }

    private static void AddMethod(MethodDefinition method, string site, Action<TypeReference?, string> add)
    {
        add(method.ReturnType, site);
        AddAttributes(method, site, add);
        AddAttributes(method.MethodReturnType, site, add);
        AddGenericParameters(method, site, add);
        foreach (var parameter in method.Parameters)
        {
            add(parameter.ParameterType, site);
            AddAttributes(parameter, site, add);
        }

        if (!method.HasBody)
        {
            return;
        }

        foreach (var variable in method.Body.Variables)
        {
            add(variable.VariableType, site);
        }

        foreach (var handler in method.Body.ExceptionHandlers)
        {
            add(handler.CatchType, site);
        }

        foreach (var instruction in method.Body.Instructions)
        {
            switch (instruction.Operand)
            {
                case TypeReference type:
                    add(type, site);
                    break;
                case MethodReference called:
                    AddMethodReference(called, site, add);
                    break;
                case FieldReference field:
                    add(field.DeclaringType, site);
                    add(field.FieldType, site);
                    break;
                case CallSite callSite:
                    foreach (var used in SignatureTypes(callSite))
                    {
                        add(used, site);
                    }

                    break;
            }
        }
    }

    private static void AddMethodReference(MethodReference method, string site, Action<TypeReference?, string> add)
    {
        add(method.DeclaringType, site);
        foreach (var used in SignatureTypes(method))
        {
            add(used, site);
        }

        if (method is GenericInstanceMethod generic)
        {
            foreach (var argument in generic.GenericArguments)
            {
                add(argument, site);
            }
        }
    }

    private static void AddGenericParameters(IGenericParameterProvider provider, string site, Action<TypeReference?, string> add)
    {
        foreach (var parameter in provider.GenericParameters)
        {
            foreach (var constraint in parameter.Constraints)
            {
                add(constraint.ConstraintType, site);
            }
        }
    }

    private static void AddAttributes(ICustomAttributeProvider provider, string site, Action<TypeReference?, string> add)
    {
        foreach (var attribute in provider.CustomAttributes)
        {
            add(attribute.AttributeType, site);
            foreach (var argument in attribute.ConstructorArguments.Concat(attribute.Properties.Select(p => p.Argument)).Concat(attribute.Fields.Select(f => f.Argument)))
            {
                AddAttributeArgument(argument, site, add);
            }
        }
    }

    private static void AddAttributeArgument(CustomAttributeArgument argument, string site, Action<TypeReference?, string> add)
    {
        add(argument.Type, site);
        switch (argument.Value)
        {
            case TypeReference type:
                add(type, site);
                break;
            case CustomAttributeArgument boxed:
                AddAttributeArgument(boxed, site, add);
                break;
            case CustomAttributeArgument[] items:
                foreach (var item in items)
                {
                    AddAttributeArgument(item, site, add);
                }

                break;
        }
    }

    /// <summary>Adds the uses a type reference makes: its element type and every generic argument, unwrapped.</summary>
    private static void AddUses(ModuleDefinition module, TypeReference from, TypeReference? reference, string site, List<TypeUse> uses)
    {
        switch (reference)
        {
            case null or GenericParameter:
                return;
            case GenericInstanceType generic:
                AddUses(module, from, generic.ElementType, site, uses);
                foreach (var argument in generic.GenericArguments)
                {
                    AddUses(module, from, argument, site, uses);
                }

                return;
            case FunctionPointerType pointer:
                foreach (var used in SignatureTypes(pointer))
                {
                    AddUses(module, from, used, site, uses);
                }

                return;
            case TypeSpecification specification:
                AddUses(module, from, specification.ElementType, site, uses);
                return;
        }

        var to = Outermost(reference);
        var toAssembly = to.Scope switch
        {
            ModuleDefinition self => self.Assembly.Name.Name,
            AssemblyNameReference other => other.Name,
            _ => to.Scope.Name,
        };
        uses.Add(new TypeUse(module.Assembly.Name.Name, from.Namespace, from.FullName, toAssembly, to.Namespace, to.FullName, site));
    }

    /// <summary>The return type and parameter types of a method, call site or function pointer.</summary>
    private static IEnumerable<TypeReference> SignatureTypes(IMethodSignature signature) =>
        signature.Parameters.Select(p => p.ParameterType).Prepend(signature.ReturnType);

    private static TypeReference Outermost(TypeReference type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type;
    }
}
